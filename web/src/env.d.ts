/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The node API the dev server's portal talks to (default: the core org's, http://127.0.0.1:7006). */
  readonly VITE_SCF_NODE_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
