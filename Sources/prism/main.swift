import PrismCLI
PrismCommand.main()
