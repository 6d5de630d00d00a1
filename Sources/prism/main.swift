import PrismCLI

PrismCommand.main()
