// An export the person asked for that cannot be made (the run, the format, the folder), as
// a sentence. Its own module: the service process checks export folders without loading
// the export code (and TensorFlow.js with it).
export class ExportError extends Error {
  override name = 'ExportError';
}
