import Testing
@testable import WIT

/// The model's ordered dictionary.
@Suite struct FastPathTests {
    @Test func orderedDictionaryKeepsOrderThroughUpdatesAndRemovals() {
        var dictionary = OrderedDictionary<String, Int>()
        for (index, key) in ["c", "a", "b", "d"].enumerated() { dictionary[key] = index }
        #expect(dictionary.updateValue(10, forKey: "a") == 1)
        dictionary["b"] = nil
        dictionary.modifyValue(forKey: "d") { $0 += 100 }
        #expect(dictionary.keys == ["c", "a", "d"])
        #expect(dictionary.values == [0, 10, 103])
        #expect(dictionary.index(forKey: "d") == 2)
        dictionary.filter { key, _ in key != "c" }
        #expect(dictionary.map(\.key) == ["a", "d"])
        #expect(dictionary["d"] == 103 && dictionary["c"] == nil && dictionary.index(forKey: "a") == 0)
    }
}
