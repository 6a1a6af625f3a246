"""The script PyInstaller freezes into ``smwg``: see smwg_desktop/__main__.py."""

from smwg_desktop.__main__ import main

raise SystemExit(main())
