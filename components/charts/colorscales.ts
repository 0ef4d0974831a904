/**
 * Plotly.js has no "RdYlGn" named scale (that name exists only in Plotly for Python; plotly.js
 * silently falls back to its default), so the red → yellow → green scale is spelt out here.
 * Low values are red; pass `reversescale: true` when high values are bad.
 */
export const RED_YELLOW_GREEN: [number, string][] = [
  [0, "#d73027"],
  [0.25, "#fc8d59"],
  [0.5, "#fee08b"],
  [0.75, "#91cf60"],
  [1, "#1a9850"],
];
