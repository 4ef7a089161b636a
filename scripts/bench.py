"""make bench: prints the timings and ratios, and writes bench/results.json."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ecmguide.tools import bench  # noqa: E402

if __name__ == "__main__":
    result = bench.run(ROOT)
    print(bench.report(result))
    (ROOT / "bench").mkdir(exist_ok=True)
    (ROOT / "bench" / "results.json").write_text(json.dumps(result, indent=2) + "\n")
    print("wrote bench/results.json")
