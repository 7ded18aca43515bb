import { ElMessage } from 'element-plus';
import { useApi } from '@/api/connection';
import { asApiError } from '@/api/errors';
import { useErrorText } from './useErrorText';

/** Saves a stored document (the node re-checks its hash on the way out). */
export function useDocumentDownload(): (sha256: string) => Promise<void> {
  const errorText = useErrorText();
  return async (sha256) => {
    try {
      const { blob, fileName } = await useApi().documents.download(sha256);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      ElMessage({ type: 'error', message: errorText(asApiError(error)), showClose: true });
    }
  };
}
