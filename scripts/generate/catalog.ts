/**
 * Device and user-agent catalog. The ETL parses the os_version column (a full user agent) with
 * ua-parser-js@1, so every entry records exactly what `new UAParser(ua)` returns for it
 * (getOS / getBrowser name+version / getDevice); catalog.test.ts checks that. Fault segments and
 * manifests use these parsed names ("iOS", "15.3", "Tizen", ...), never our own labels.
 *
 * Shares are relative weights within a device type (each device type sums to 100). iOS 15.3 is
 * deliberately a real slice of iPhones (about 13% of mobile iOS) and also exists on iPads, so the
 * default "iOS 15.3 on mobile" fault needs both the OS and the device type to be identified.
 */
import type { DeviceType } from "../../db/constants";

export interface ParsedUa {
  os: { name: string; version?: string };
  browser: { name?: string; version?: string };
  device: { vendor?: string; model?: string; type?: string };
}

export interface UaEntry extends ParsedUa {
  ua: string;
  weight: number;
}

export const UA_CATALOG: Record<DeviceType, readonly UaEntry[]> = {
  smart_tv: [
    {
      ua: "Mozilla/5.0 (SMART-TV; Linux; Tizen 5.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/2.2 Chrome/63.0.3239.84 TV Safari/537.36",
      weight: 5,
      os: { name: "Tizen", version: "5.0" },
      browser: { name: "Samsung Internet", version: "2.2" },
      device: { vendor: "Samsung", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36",
      weight: 9,
      os: { name: "Tizen", version: "6.0" },
      browser: { name: "Samsung Internet", version: "4.0" },
      device: { vendor: "Samsung", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (SMART-TV; Linux; Tizen 6.5) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/5.0 Chrome/85.0.4183.93 TV Safari/537.36",
      weight: 10,
      os: { name: "Tizen", version: "6.5" },
      browser: { name: "Samsung Internet", version: "5.0" },
      device: { vendor: "Samsung", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (SMART-TV; Linux; Tizen 7.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/6.0 Chrome/94.0.4606.31 TV Safari/537.36",
      weight: 15,
      os: { name: "Tizen", version: "7.0" },
      browser: { name: "Samsung Internet", version: "6.0" },
      device: { vendor: "Samsung", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (Linux; webOS 5.0; LG NetCast.TV-2013 Compatible) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/68.0.3440.106 Safari/537.36 WebAppManager",
      weight: 7,
      os: { name: "webOS", version: "5.0" },
      browser: { name: "Chrome", version: "68.0.3440.106" },
      device: { vendor: "LG", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (Linux; webOS 6.0; LG NetCast.TV-2013 Compatible) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.79 Safari/537.36 WebAppManager",
      weight: 8,
      os: { name: "webOS", version: "6.0" },
      browser: { name: "Chrome", version: "79.0.3945.79" },
      device: { vendor: "LG", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (Linux; webOS 22; LG NetCast.TV-2013 Compatible) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/87.0.4280.88 Safari/537.36 WebAppManager",
      weight: 6,
      os: { name: "webOS", version: "22" },
      browser: { name: "Chrome", version: "87.0.4280.88" },
      device: { vendor: "LG", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (Linux; webOS 23; LG NetCast.TV-2013 Compatible) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/94.0.4606.128 Safari/537.36 WebAppManager",
      weight: 4,
      os: { name: "webOS", version: "23" },
      browser: { name: "Chrome", version: "94.0.4606.128" },
      device: { vendor: "LG", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 12; BRAVIA 4K VH2 Build/STT2.230421.001) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.5735.196 Safari/537.36",
      weight: 5,
      os: { name: "Android", version: "12" },
      browser: { name: "Chrome", version: "114.0.5735.196" },
      device: { vendor: "Sony", model: "BRAVIA 4K VH2", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 9; BRAVIA 4K GB Build/PTT1.190515.001.S52) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/90.0.4430.91 Safari/537.36",
      weight: 3,
      os: { name: "Android", version: "9" },
      browser: { name: "Chrome", version: "90.0.4430.91" },
      device: { vendor: "Sony", model: "BRAVIA 4K GB", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 10; Philips 55PUS8505 Android TV Build/QTG3.200305.006) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/92.0.4515.159 Safari/537.36",
      weight: 3,
      os: { name: "Android", version: "10" },
      browser: { name: "Chrome", version: "92.0.4515.159" },
      device: { model: "Philips 55PUS8505", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 11; TCL 55C725 Android TV Build/RTM6.210203.001) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100.0.4896.127 Safari/537.36",
      weight: 4,
      os: { name: "Android", version: "11" },
      browser: { name: "Chrome", version: "100.0.4896.127" },
      device: { model: "TCL 55C725", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 11; MiTV-AXSO0 Build/RTT0.211222.001) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100.0.4896.127 Safari/537.36",
      weight: 3,
      os: { name: "Android", version: "11" },
      browser: { name: "Chrome", version: "100.0.4896.127" },
      device: { vendor: "Xiaomi", model: "MiTV-AXSO0", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 11; SHIELD Android TV Build/RQ1A.210105.003) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.210 Safari/537.36",
      weight: 2,
      os: { name: "Android", version: "11" },
      browser: { name: "Chrome", version: "120.0.6099.210" },
      device: { vendor: "Nvidia", model: "SHIELD Android TV", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 9; AFTKA Build/PS7633.3445N; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36",
      weight: 5,
      os: { name: "Android", version: "9" },
      browser: { name: "Chrome WebView", version: "120.0.6099.230" },
      device: { vendor: "Amazon", model: "KA", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 7.1.2; AFTMM Build/NS6297) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.110 Mobile Safari/537.36",
      weight: 4,
      os: { name: "Android", version: "7.1.2" },
      browser: { name: "Chrome", version: "70.0.3538.110" },
      device: { vendor: "Amazon", model: "MM", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 11; AFTKM Build/RS8148; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.102 Mobile Safari/537.36",
      weight: 3,
      os: { name: "Android", version: "11" },
      browser: { name: "Chrome WebView", version: "130.0.6723.102" },
      device: { vendor: "Amazon", model: "KM", type: "smarttv" },
    },
    {
      ua: "Mozilla/5.0 (X11; Linux armv7l) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/108.0.5359.128 Safari/537.36 CrKey/1.56.500000",
      weight: 4,
      os: { name: "Chromecast", version: "1.56.500000" },
      browser: { name: "Chrome", version: "108.0.5359.128" },
      device: { vendor: "Google", model: "Chromecast", type: "smarttv" },
    },
  ],
  mobile: [
    {
      ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
      weight: 11,
      os: { name: "iOS", version: "18.1" },
      browser: { name: "Mobile Safari", version: "18.1" },
      device: { vendor: "Apple", model: "iPhone", type: "mobile" },
    },
    {
      ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
      weight: 9,
      os: { name: "iOS", version: "17.6.1" },
      browser: { name: "Mobile Safari", version: "17.6" },
      device: { vendor: "Apple", model: "iPhone", type: "mobile" },
    },
    {
      ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      weight: 6,
      os: { name: "iOS", version: "17.5.1" },
      browser: { name: "Mobile Safari", version: "17.5" },
      device: { vendor: "Apple", model: "iPhone", type: "mobile" },
    },
    {
      ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 16_7_10 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
      weight: 7,
      os: { name: "iOS", version: "16.7.10" },
      browser: { name: "Mobile Safari", version: "16.6" },
      device: { vendor: "Apple", model: "iPhone", type: "mobile" },
    },
    {
      ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
      weight: 4,
      os: { name: "iOS", version: "16.6.1" },
      browser: { name: "Mobile Safari", version: "16.6" },
      device: { vendor: "Apple", model: "iPhone", type: "mobile" },
    },
    {
      ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 15_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.3 Mobile/15E148 Safari/604.1",
      weight: 5.5,
      os: { name: "iOS", version: "15.3" },
      browser: { name: "Mobile Safari", version: "15.3" },
      device: { vendor: "Apple", model: "iPhone", type: "mobile" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.102 Mobile Safari/537.36",
      weight: 11,
      os: { name: "Android", version: "14" },
      browser: { name: "Chrome", version: "130.0.6723.102" },
      device: { vendor: "Samsung", model: "SM-S918B", type: "mobile" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 11; SM-A125F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
      weight: 7,
      os: { name: "Android", version: "11" },
      browser: { name: "Chrome", version: "120.0.6099.144" },
      device: { vendor: "Samsung", model: "SM-A125F", type: "mobile" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
      weight: 6,
      os: { name: "Android", version: "14" },
      browser: { name: "Samsung Internet", version: "25.0" },
      device: { vendor: "Samsung", model: "SM-A546B", type: "mobile" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.102 Mobile Safari/537.36",
      weight: 5,
      os: { name: "Android", version: "13" },
      browser: { name: "Chrome", version: "130.0.6723.102" },
      device: { vendor: "Google", model: "Pixel 7", type: "mobile" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.7339.51 Mobile Safari/537.36",
      weight: 5,
      os: { name: "Android", version: "15" },
      browser: { name: "Chrome", version: "140.0.7339.51" },
      device: { vendor: "Google", model: "Pixel 9", type: "mobile" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 12; 2201116SG) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
      weight: 7,
      os: { name: "Android", version: "12" },
      browser: { name: "Chrome", version: "120.0.6099.144" },
      device: { vendor: "Xiaomi", model: "2201116SG", type: "mobile" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 14; 23108RN04Y) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.102 Mobile Safari/537.36",
      weight: 6,
      os: { name: "Android", version: "14" },
      browser: { name: "Chrome", version: "130.0.6723.102" },
      device: { vendor: "Xiaomi", model: "23108RN04Y", type: "mobile" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 13; moto g(60)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
      weight: 5,
      os: { name: "Android", version: "13" },
      browser: { name: "Chrome", version: "120.0.6099.144" },
      device: { vendor: "Motorola", model: "moto g(60)", type: "mobile" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 13; CPH2449) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
      weight: 5.5,
      os: { name: "Android", version: "13" },
      browser: { name: "Chrome", version: "120.0.6099.144" },
      device: { vendor: "OPPO", model: "CPH2449", type: "mobile" },
    },
  ],
  tablet: [
    {
      ua: "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
      weight: 16,
      os: { name: "iOS", version: "18.1" },
      browser: { name: "Mobile Safari", version: "18.1" },
      device: { vendor: "Apple", model: "iPad", type: "tablet" },
    },
    {
      ua: "Mozilla/5.0 (iPad; CPU OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
      weight: 18,
      os: { name: "iOS", version: "17.4.1" },
      browser: { name: "Mobile Safari", version: "17.4.1" },
      device: { vendor: "Apple", model: "iPad", type: "tablet" },
    },
    {
      ua: "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
      weight: 14,
      os: { name: "iOS", version: "16.6" },
      browser: { name: "Mobile Safari", version: "16.6" },
      device: { vendor: "Apple", model: "iPad", type: "tablet" },
    },
    {
      ua: "Mozilla/5.0 (iPad; CPU OS 15_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.3 Mobile/15E148 Safari/604.1",
      weight: 5,
      os: { name: "iOS", version: "15.3" },
      browser: { name: "Mobile Safari", version: "15.3" },
      device: { vendor: "Apple", model: "iPad", type: "tablet" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Safari/537.36",
      weight: 14,
      os: { name: "Android", version: "13" },
      browser: { name: "Chrome", version: "120.0.6099.144" },
      device: { vendor: "Samsung", model: "SM-X710", type: "tablet" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 12; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Safari/537.36",
      weight: 10,
      os: { name: "Android", version: "12" },
      browser: { name: "Chrome", version: "120.0.6099.144" },
      device: { vendor: "Samsung", model: "SM-X200", type: "tablet" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 11; Lenovo TB-X606F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Safari/537.36",
      weight: 8,
      os: { name: "Android", version: "11" },
      browser: { name: "Chrome", version: "120.0.6099.144" },
      device: { vendor: "Lenovo", model: "TB-X606F", type: "tablet" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 11; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/120.3.1 like Chrome/120.0.6099.144 Safari/537.36",
      weight: 9,
      os: { name: "Android", version: "11" },
      browser: { name: "Silk", version: "120.3.1" },
      device: { vendor: "Amazon", model: "KFTRWI", type: "tablet" },
    },
    {
      ua: "Mozilla/5.0 (Linux; Android 14; Pixel Tablet) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.102 Safari/537.36",
      weight: 6,
      os: { name: "Android", version: "14" },
      browser: { name: "Chrome", version: "130.0.6723.102" },
      device: { vendor: "Google", model: "Pixel Tablet", type: "tablet" },
    },
  ],
  web: [
    {
      ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
      weight: 38,
      os: { name: "Windows", version: "10" },
      browser: { name: "Chrome", version: "130.0.0.0" },
      device: {},
    },
    {
      ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
      weight: 15,
      os: { name: "Windows", version: "10" },
      browser: { name: "Edge", version: "130.0.0.0" },
      device: {},
    },
    {
      ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0",
      weight: 7,
      os: { name: "Windows", version: "10" },
      browser: { name: "Firefox", version: "132.0" },
      device: {},
    },
    {
      ua: "Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36",
      weight: 2,
      os: { name: "Windows", version: "7" },
      browser: { name: "Chrome", version: "109.0.0.0" },
      device: {},
    },
    {
      ua: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
      weight: 14,
      os: { name: "Mac OS", version: "10.15.7" },
      browser: { name: "Safari", version: "18.1" },
      device: { vendor: "Apple", model: "Macintosh" },
    },
    {
      ua: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
      weight: 12,
      os: { name: "Mac OS", version: "10.15.7" },
      browser: { name: "Chrome", version: "130.0.0.0" },
      device: { vendor: "Apple", model: "Macintosh" },
    },
    {
      ua: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:132.0) Gecko/20100101 Firefox/132.0",
      weight: 3,
      os: { name: "Mac OS", version: "14.7" },
      browser: { name: "Firefox", version: "132.0" },
      device: { vendor: "Apple", model: "Macintosh" },
    },
    {
      ua: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
      weight: 4,
      os: { name: "Linux" },
      browser: { name: "Chrome", version: "130.0.0.0" },
      device: {},
    },
    {
      ua: "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
      weight: 2,
      os: { name: "Ubuntu" },
      browser: { name: "Firefox", version: "132.0" },
      device: {},
    },
    {
      ua: "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
      weight: 3,
      os: { name: "Chromium OS", version: "14541.0.0" },
      browser: { name: "Chrome", version: "130.0.0.0" },
      device: {},
    },
  ],
};

/**
 * App builds per device type, newest first with the largest share (staged rollouts and users who
 * update late). Phones and tablets run the same mobile app, so they share version numbers.
 */
export const APP_VERSIONS: Record<DeviceType, ReadonlyArray<readonly [string, number]>> = {
  smart_tv: [
    ["v8.6.0", 34],
    ["v8.5.2", 26],
    ["v8.4.1", 18],
    ["v8.3.0", 12],
    ["v8.0.4", 10],
  ],
  mobile: [
    ["v9.14.1", 40],
    ["v9.14.0", 22],
    ["v9.13.2", 18],
    ["v9.12.0", 12],
    ["v9.10.3", 8],
  ],
  tablet: [
    ["v9.14.1", 32],
    ["v9.13.2", 26],
    ["v9.12.0", 20],
    ["v9.10.3", 14],
    ["v9.8.0", 8],
  ],
  web: [
    ["v10.22.0", 62],
    ["v10.21.3", 28],
    ["v10.20.1", 10],
  ],
};

function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

const ALL_ENTRIES = Object.values(UA_CATALOG).flat();

/** Parsed OS names that occur in generated data (for validating fault segments). */
export const KNOWN_OS_NAMES: readonly string[] = uniqueSorted(ALL_ENTRIES.map((e) => e.os.name));
/** Parsed OS versions that occur in generated data. */
export const KNOWN_OS_VERSIONS: readonly string[] = uniqueSorted(
  ALL_ENTRIES.flatMap((e) => (e.os.version ? [e.os.version] : [])),
);
/** App versions that occur in generated data. */
export const KNOWN_APP_VERSIONS: readonly string[] = uniqueSorted(
  Object.values(APP_VERSIONS).flatMap((list) => list.map(([v]) => v)),
);
