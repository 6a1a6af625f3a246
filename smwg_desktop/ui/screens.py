"""The screens of the main window, built with what they need and put in the sidebar.

A new screen is one ``window.add_screen`` line here: the window places it in the
sidebar by its key (see ``main_window.SCREEN_ORDER``) and connects what it offers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smwg_desktop.i18n import _
from smwg_desktop.ui.activities_screen import ActivitiesScreen
from smwg_desktop.ui.bodies_screen import BodiesScreen
from smwg_desktop.ui.dashboard_screen import DashboardScreen
from smwg_desktop.ui.directory_screen import OrganisationsScreen, PeopleScreen
from smwg_desktop.ui.outreach_screen import OutreachScreen
from smwg_desktop.ui.print_screen import PrintScreen
from smwg_desktop.ui.proposals_screen import ProposalsScreen
from smwg_desktop.ui.sync_screen import SyncScreen

if TYPE_CHECKING:
    from smwg_desktop.ui.main_window import MainWindow


def install_screens(window: MainWindow) -> None:
    directory, undo_stack, settings = window.directory, window.undo_stack, window.settings
    window.add_screen(
        "organisations", _("Organisations"), OrganisationsScreen(directory, undo_stack, settings=settings)
    )
    window.add_screen("people", _("People"), PeopleScreen(directory, undo_stack, settings=settings))
    window.add_screen(
        "bodies", _("Bodies and roles"), BodiesScreen(directory, undo_stack, settings=settings)
    )
    dashboard = DashboardScreen(directory)
    activities = ActivitiesScreen(directory, undo_stack)
    activities.changed.connect(dashboard.refresh)
    window.add_screen("dashboard", _("Dashboard"), dashboard)
    window.add_screen("activities", _("Activities"), activities)
    window.add_screen(
        "proposals", _("Proposals"), ProposalsScreen(directory, undo_stack, settings=settings)
    )
    outreach = OutreachScreen(directory, undo_stack, settings=settings)
    outreach.changed.connect(dashboard.refresh)
    window.add_screen("outreach", _("Outreach"), outreach)
    window.add_screen("sync", _("Sync"), SyncScreen(directory, settings=settings))
    window.add_screen("print", _("Print"), PrintScreen(directory, settings=settings))
