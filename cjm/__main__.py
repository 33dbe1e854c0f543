from cjm.cli import main

main()
