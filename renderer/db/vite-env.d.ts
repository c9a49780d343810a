// `import.meta.env` (Vite): DEV is true in development and tests, replaced by false in builds.
/// <reference types="vite/client" />
