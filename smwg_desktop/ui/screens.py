"""The screens of the main window, each built with what it needs the first time it is shown.

A new screen is one function here and one ``window.add_screen`` line: the window
places it in the sidebar by its key (see ``main_window.SCREEN_ORDER``), builds it
when it is first shown and connects what it offers. Each function imports its
screen's module itself, so that the window starts without the others (QtCharts
for the dashboard, QtPdf for the print preview, the sync machinery...).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smwg_desktop.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from smwg_desktop.ui.main_window import MainWindow


def install_screens(window: MainWindow) -> None:
    directory, undo_stack, settings = window.directory, window.undo_stack, window.settings

    def organisations() -> QWidget:
        from smwg_desktop.ui.directory_screen import OrganisationsScreen

        return OrganisationsScreen(directory, undo_stack, settings=settings)

    def people() -> QWidget:
        from smwg_desktop.ui.directory_screen import PeopleScreen

        return PeopleScreen(directory, undo_stack, settings=settings)

    def bodies() -> QWidget:
        from smwg_desktop.ui.bodies_screen import BodiesScreen

        return BodiesScreen(directory, undo_stack, settings=settings)

    def dashboard() -> QWidget:
        from smwg_desktop.ui.dashboard_screen import DashboardScreen

        return DashboardScreen(directory)

    def activities() -> QWidget:
        from smwg_desktop.ui.activities_screen import ActivitiesScreen

        return ActivitiesScreen(directory, undo_stack)

    def proposals() -> QWidget:
        from smwg_desktop.ui.proposals_screen import ProposalsScreen

        return ProposalsScreen(directory, undo_stack, settings=settings)

    def outreach() -> QWidget:
        from smwg_desktop.ui.outreach_screen import OutreachScreen

        return OutreachScreen(directory, undo_stack, settings=settings)

    def sync() -> QWidget:
        from smwg_desktop.ui.sync_screen import SyncScreen

        return SyncScreen(directory, settings=settings)

    def printing() -> QWidget:
        from smwg_desktop.ui.print_screen import PrintScreen

        return PrintScreen(directory, settings=settings)

    # The first one added is the one a new window shows.
    window.add_screen("organisations", _("Organisations"), organisations)
    window.add_screen("people", _("People"), people)
    window.add_screen("bodies", _("Bodies and roles"), bodies)
    window.add_screen("dashboard", _("Dashboard"), dashboard)
    window.add_screen("activities", _("Activities"), activities)
    window.add_screen("proposals", _("Proposals"), proposals)
    window.add_screen("outreach", _("Outreach"), outreach)
    window.add_screen("sync", _("Sync"), sync)
    window.add_screen("print", _("Print"), printing)
