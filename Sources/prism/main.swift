import PrismCLI

await PrismCommand.runMain()
