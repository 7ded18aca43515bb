/*
 * For tools that read .ts files without Vue's language service (ESLint's type checker): vue-tsc and
 * Vite resolve each .vue file itself and never use this.
 */
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
