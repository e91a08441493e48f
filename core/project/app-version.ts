/** The application version written into project files and reports (kept equal to package.json). */
export const APP_VERSION = '0.1.0';
