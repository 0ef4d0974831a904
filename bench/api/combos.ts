import { shiftDate } from "../../lib/filters";

/**
 * The fixed filter combinations every filtered endpoint is called with. Values exist in generated
 * data (BR + vodafone carries the routing fault, iOS 15.3 the slow-startup fault).
 */
export type FilterCombo = { name: string; params: Record<string, string> };

export function filterCombos(maxDate: string): FilterCombo[] {
  return [
    { name: "default range", params: {} },
    { name: "last 7 days", params: { from: shiftDate(maxDate, -6), to: maxDate } },
    { name: "device=smart_tv", params: { device: "smart_tv" } },
    { name: "country=BR", params: { country: "BR" } },
    { name: "network=cellular_4g", params: { network: "cellular_4g" } },
    { name: "device+country", params: { device: "mobile", country: "BR" } },
    { name: "isp+country", params: { country: "BR", isp: "vodafone" } },
    { name: "content=content_42", params: { content: "content_42" } },
    { name: "osVersion=iOS 15.3", params: { osVersion: "iOS 15.3" } },
    { name: "app=v8.6.0", params: { app: "v8.6.0" } },
  ];
}
