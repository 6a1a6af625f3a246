"""The desktop face of SMWG Desktop (PySide6). Nothing outside this package imports Qt.

The Qt-free layers the first screen needs are imported here, before any module of
the package imports PySide6: PySide's import hook reads the source of every module
imported after it (``inspect.getsource``, to see whether it uses PySide), about
0.1 ms a module, some 60 of ours at a start.
"""

import smwg_desktop.core.directory
import smwg_desktop.storage.database
import smwg_desktop.sync.keys
import smwg_desktop.ui.labels  # noqa: F401
