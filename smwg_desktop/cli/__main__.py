from smwg_desktop.cli import main

main()
