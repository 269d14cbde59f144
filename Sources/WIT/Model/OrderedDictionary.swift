/// A dictionary that remembers insertion order, as WIT's model needs (the order
/// of types, functions, imports and exports is part of the meaning).
public struct OrderedDictionary<Key: Hashable & Sendable, Value: Sendable>: Sendable, Sequence {
    /// The keys in insertion order.
    public private(set) var keys: [Key] = []
    private var storage: [Key: Value] = [:]

    /// Creates an empty dictionary.
    public init() {}

    /// The number of entries.
    public var count: Int { keys.count }
    /// Whether there are no entries.
    public var isEmpty: Bool { keys.isEmpty }

    /// The value for a key; setting a new key appends it, setting `nil` removes it.
    public subscript(key: Key) -> Value? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// Inserts or replaces a value, returning the previous one.
    @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: Key) -> Value? {
        let previous = storage.updateValue(value, forKey: key)
        if previous == nil { keys.append(key) }
        return previous
    }

    /// The values in key order.
    public var values: [Value] { keys.map { storage[$0]! } }

    /// Iterates `(key, value)` pairs in insertion order.
    public func makeIterator() -> AnyIterator<(key: Key, value: Value)> {
        var index = 0
        let keys = self.keys
        let storage = self.storage
        return AnyIterator {
            guard index < keys.count else { return nil }
            defer { index += 1 }
            return (keys[index], storage[keys[index]]!)
        }
    }

    /// Keeps only the entries for which `isIncluded` is true, in order.
    public mutating func filter(_ isIncluded: (Key, Value) -> Bool) {
        keys.removeAll { key in
            if isIncluded(key, storage[key]!) { return false }
            storage[key] = nil
            return true
        }
    }

    /// Applies `transform` to every value in place.
    public mutating func mutateValues(_ transform: (inout Value) -> Void) {
        for key in keys { transform(&storage[key]!) }
    }
}
