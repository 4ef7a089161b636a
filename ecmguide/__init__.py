"""Logic for publishing the ECM confidentiality guide per jurisdiction.

Layers: safeyaml (parse) -> schema/validate (check) -> overlays/editions (merge into a plain model)
-> render (escaped HTML for macros) -> site/pdf/hub (outputs) -> build (orchestration) -> cli.
"""
