export * from './api';
export * from './protocol';
export * from './types';
