export * from './reference-data-version';
export * from './institutions';
export * from './municipalities';
