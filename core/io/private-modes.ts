// What the workbench writes — datasets, runs, models — is the user's alone: other local
// users must not read imported data or trained weights. Folders 0700, files 0600; the
// modes apply when a file or folder is created (an existing home is tightened on start).
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
