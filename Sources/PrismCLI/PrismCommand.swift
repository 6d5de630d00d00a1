import ArgumentParser

public struct PrismCommand: AsyncParsableCommand {
    public init() {}
}
