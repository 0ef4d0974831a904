-- Custom SQL migration file, put your code below! ---- Percentiles from a sparse histogram (the cube's startup and bitrate histograms, db/cube/).
-- bins: bucket numbers ascending (bucket b covers [b * width, (b + 1) * width)); counts: sessions
-- per bucket; ps: the fractions wanted (0..1). Same convention as percentile_cont: position
-- p * (n - 1) between order statistics, interpolated linearly. Each order statistic is placed
-- inside its own bucket (evenly spread over the bucket), so every result is within one bucket
-- width of percentile_cont over the raw values. Null for an empty histogram.
CREATE OR REPLACE FUNCTION qoe_hist_quantiles(bins integer[], counts bigint[], width double precision, ps double precision[])
RETURNS double precision[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  nbins integer := coalesce(array_length(bins, 1), 0);
  total bigint := 0;
  result double precision[] := '{}';
  p double precision;
  pos double precision;
  lo bigint;
  frac double precision;
  ranks bigint[];
  vals double precision[];
  r bigint;
  k integer;
  before bigint;
  j integer;
BEGIN
  FOR k IN 1..nbins LOOP
    total := total + counts[k];
  END LOOP;
  FOREACH p IN ARRAY ps LOOP
    IF total = 0 OR p IS NULL THEN
      result := result || NULL::double precision;
      CONTINUE;
    END IF;
    pos := greatest(0, least(1, p)) * (total - 1);
    lo := floor(pos)::bigint;
    frac := pos - lo;
    ranks := ARRAY[lo, least(lo + 1, total - 1)];
    vals := '{}';
    FOREACH r IN ARRAY ranks LOOP
      before := 0;
      FOR j IN 1..nbins LOOP
        IF r < before + counts[j] THEN
          vals := vals || (bins[j] * width + width * ((r - before) + 0.5) / counts[j]);
          EXIT;
        END IF;
        before := before + counts[j];
      END LOOP;
    END LOOP;
    result := result || (vals[1] + frac * (vals[2] - vals[1]));
  END LOOP;
  RETURN result;
END
$$;
