"""Fail unless ``pyright --verifytypes`` finds the public API of ``txaio`` typed enough.

Reads pyright's JSON report on standard input; the threshold is the first argument (percent).
"""

import json
import sys


def main() -> int:
    threshold = float(sys.argv[1])
    report = json.load(sys.stdin)
    score = 100.0 * float(report["typeCompleteness"]["completenessScore"])
    print(f"pyright --verifytypes txaio: {score:.1f}% of the public API has a known type (needed: {threshold}%)")
    if score < threshold:
        for symbol in report["typeCompleteness"]["symbols"]:
            if symbol["isExported"] and not symbol["isTypeKnown"]:
                print(f"  {symbol['name']}: {'; '.join(d['message'] for d in symbol['diagnostics'])}")
        print("details: cd build/typecheck && PYTHONPATH=. pyright --verifytypes txaio --ignoreexternal")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
