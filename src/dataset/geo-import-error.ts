/** import-geo cannot make the map's shapes: the message says which districts or areas, and what to change. */
export class GeoImportError extends Error {}
