export default function HomePage() {
  return (
    <main className="mx-auto max-w-3xl p-8">
      <h1 className="text-2xl font-semibold">Streaming QoE Analytics</h1>
      <p className="mt-4" data-testid="no-data">
        No data loaded yet. Run <code>npm run demo</code> to generate telemetry and load it.
      </p>
    </main>
  );
}
