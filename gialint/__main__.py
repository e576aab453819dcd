from gialint.cli import main

raise SystemExit(main())
