import PrismStub
