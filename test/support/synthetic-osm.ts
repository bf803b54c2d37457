/**
 * A tiny synthetic OpenStreetMap extract near the centre of Чебоксары (≈ 47.25 E, 56.13 N) for
 * the street-basemap tests (issue 17): three named streets, buildings with house numbers and a
 * school. Written as .osm XML by the test; `osmium cat x.osm -o x.osm.pbf` makes the PBF.
 * Invented data (no OpenStreetMap content): the names are common street names.
 */

/** Centre of the synthetic quarter. */
export const SYNTH_CENTRE: [number, number] = [47.25, 56.13];
/** The house the address search must find: «Гагарина 10». */
export const SYNTH_HOUSE = { street: 'улица Гагарина', housenumber: '10', lon: 47.247, lat: 56.13035 };

interface Way {
  tags: Record<string, string>;
  coords: [number, number][];
  closed?: boolean;
}

/** A square building (closed way) of `halfM` metres around a point. */
function square(lon: number, lat: number, halfM: number, tags: Record<string, string>): Way {
  const dLat = halfM / 111_320;
  const dLon = halfM / (111_320 * Math.cos((lat * Math.PI) / 180));
  return {
    tags,
    closed: true,
    coords: [
      [lon - dLon, lat - dLat],
      [lon + dLon, lat - dLat],
      [lon + dLon, lat + dLat],
      [lon - dLon, lat + dLat],
    ],
  };
}

export const SYNTH_WAYS: Way[] = [
  {
    tags: { highway: 'secondary', name: 'улица Гагарина', 'name:ru': 'улица Гагарина', 'name:cv': 'Гагарин урамĕ' },
    coords: [
      [47.242, 56.13],
      [47.25, 56.13],
      [47.258, 56.13],
    ],
  },
  {
    tags: { highway: 'primary', name: 'Московский проспект' },
    coords: [
      [47.25, 56.126],
      [47.25, 56.13],
      [47.25, 56.134],
    ],
  },
  {
    tags: { highway: 'residential', name: 'улица Ленина' },
    coords: [
      [47.242, 56.1325],
      [47.25, 56.1325],
      [47.258, 56.1325],
    ],
  },
  square(SYNTH_HOUSE.lon, SYNTH_HOUSE.lat, 12, { building: 'apartments', 'addr:street': 'улица Гагарина', 'addr:housenumber': '10' }),
  square(47.253, 56.13035, 12, { building: 'apartments', 'addr:street': 'улица Гагарина', 'addr:housenumber': '12к1' }),
  square(47.247, 56.13215, 12, { building: 'yes', 'addr:street': 'улица Ленина', 'addr:housenumber': '5' }),
  square(47.253, 56.13215, 20, { building: 'school', amenity: 'school', name: 'Школа № 1', 'addr:street': 'улица Ленина', 'addr:housenumber': '7' }),
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The extract as OSM XML (with a `<bounds>`, as real extracts carry). */
export function syntheticOsmXml(): string {
  const nodes: string[] = [];
  const ways: string[] = [];
  let nid = 1000;
  let wid = 1;
  const attrs = 'version="1" timestamp="2026-12-01T00:00:00Z" changeset="1" uid="1" user="synthetic"';
  nodes.push(
    `  <node id="${++nid}" ${attrs} lat="${SYNTH_CENTRE[1]}" lon="${SYNTH_CENTRE[0]}">\n    <tag k="place" v="city"/>\n    <tag k="name" v="Чебоксары"/>\n  </node>`,
  );
  for (const w of SYNTH_WAYS) {
    const refs: number[] = [];
    for (const [lon, lat] of w.coords) {
      nodes.push(`  <node id="${++nid}" ${attrs} lat="${lat.toFixed(7)}" lon="${lon.toFixed(7)}"/>`);
      refs.push(nid);
    }
    if (w.closed) refs.push(refs[0]!);
    const tags = Object.entries(w.tags).map(([k, v]) => `    <tag k="${esc(k)}" v="${esc(v)}"/>`);
    ways.push(`  <way id="${wid++}" ${attrs}>\n${refs.map((r) => `    <nd ref="${r}"/>`).join('\n')}\n${tags.join('\n')}\n  </way>`);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<osm version="0.6" generator="cur-wall synthetic test">',
    '  <bounds minlat="56.1200" minlon="47.2300" maxlat="56.1400" maxlon="47.2700"/>',
    ...nodes,
    ...ways,
    '</osm>',
    '',
  ].join('\n');
}
