"""``python -m smwg_desktop.ui`` starts the desktop app, as ``smwg-desktop`` does."""

from smwg_desktop.ui.start import main

raise SystemExit(main())
