"""What one edition's untrusted local content may cost: every limit in one place (README lists them).

Each limit is refused with the file, the limit and the value measured, before anything is published.
A task force that needs more splits its pages or asks the maintainers to raise a limit here.
"""

from __future__ import annotations

MAX_PAGE_BYTES = 64 * 1024  # one local page (Markdown source): about 10,000 words
MAX_LOCAL_PAGES = 12  # local pages in one edition
MAX_LOCAL_BYTES = 400 * 1024  # all local pages of one edition together
MAX_PAGE_PRINTED_PAGES = 40  # printed pages one local page may fill in the guide PDF
MAX_LOCAL_PRINTED_PAGES = 60  # printed pages all local pages together may fill in the guide PDF
MAX_SITE_URL = 200  # characters of an edition's address: its QR code must stay readable on paper
MAX_WORKER_ADDRESS_SPACE = 1024**3  # bytes of address space for a worker process that renders a PDF or a site
MAX_WORKER_CPU_SECONDS = 300  # CPU seconds for one worker task (one site or one PDF; the guide PDF takes about 10)
