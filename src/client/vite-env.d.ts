/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Clerk's publishable key; unset builds the open local mode dashboard. */
  readonly VITE_CLERK_PUBLISHABLE_KEY?: string;
  /** Where the usage service answers when it is not this page's own origin. */
  readonly VITE_USAGE_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
