/// A dictionary that remembers insertion order, as WIT's model needs (the order
/// of types, functions, imports and exports is part of the meaning).
///
/// Keys and values live in two parallel arrays, in order; a hash table maps each
/// key to its position. Iterating touches only the arrays; a lookup hashes once.
public struct OrderedDictionary<Key: Hashable & Sendable, Value: Sendable>: Sendable, Sequence {
    /// The keys in insertion order.
    public private(set) var keys: [Key] = []
    /// The values in key order.
    public private(set) var values: [Value] = []
    /// The position of each key in `keys` and `values`.
    private var positions: [Key: Int] = [:]

    /// Creates an empty dictionary.
    public init() {}

    /// The number of entries.
    public var count: Int { keys.count }
    /// Whether there are no entries.
    public var isEmpty: Bool { keys.isEmpty }

    /// The value for a key; setting a new key appends it, setting `nil` removes it.
    public subscript(key: Key) -> Value? {
        get {
            guard let position = positions[key] else { return nil }
            return values[position]
        }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else if let position = positions.removeValue(forKey: key) {
                keys.remove(at: position)
                values.remove(at: position)
                for index in position..<keys.count { positions[keys[index]] = index }
            }
        }
    }

    /// Makes room for `minimumCapacity` entries, so that adding that many allocates nothing more.
    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
        positions.reserveCapacity(minimumCapacity)
    }

    /// The position of a key in ``keys`` (and its value in ``values``).
    public func index(forKey key: Key) -> Int? { positions[key] }

    /// Changes the value of a key in place (no copy of it); `nil` when the key is absent.
    @discardableResult
    public mutating func modifyValue<Result>(forKey key: Key, _ body: (inout Value) throws -> Result) rethrows -> Result? {
        guard let position = positions[key] else { return nil }
        return try body(&values[position])
    }

    /// Inserts or replaces a value, returning the previous one.
    @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: Key) -> Value? {
        let end = keys.count
        // One hash lookup: the defaulted subscript inserts `end` when the key is new.
        let position = Self.read(&positions[key, default: end])
        guard position == end else {
            let previous = values[position]
            values[position] = value
            return previous
        }
        keys.append(key)
        values.append(value)
        return nil
    }

    private static func read(_ position: inout Int) -> Int { position }

    /// Iterates `(key, value)` pairs in insertion order.
    public struct Iterator: IteratorProtocol {
        private var keys: IndexingIterator<[Key]>
        private var values: IndexingIterator<[Value]>

        fileprivate init(keys: [Key], values: [Value]) {
            self.keys = keys.makeIterator()
            self.values = values.makeIterator()
        }

        /// The next pair, or `nil` after the last.
        public mutating func next() -> (key: Key, value: Value)? {
            guard let key = keys.next(), let value = values.next() else { return nil }
            return (key, value)
        }
    }

    /// Iterates `(key, value)` pairs in insertion order.
    public func makeIterator() -> Iterator { Iterator(keys: keys, values: values) }

    /// The number of entries (iteration visits exactly this many).
    public var underestimatedCount: Int { keys.count }

    /// Keeps only the entries for which `isIncluded` is true, in order.
    /// `isIncluded` is called once per entry, in order.
    public mutating func filter(_ isIncluded: (Key, Value) -> Bool) {
        guard let firstDropped = keys.indices.first(where: { !isIncluded(keys[$0], values[$0]) }) else { return }
        var kept = OrderedDictionary()
        kept.reserveCapacity(keys.count - 1)
        for index in keys.indices where index < firstDropped || (index > firstDropped && isIncluded(keys[index], values[index])) {
            kept.updateValue(values[index], forKey: keys[index])
        }
        self = kept
    }

    /// Applies `transform` to every value in place, in order.
    public mutating func mutateValues<Failure: Error>(_ transform: (inout Value) throws(Failure) -> Void) throws(Failure) {
        for index in values.indices { try transform(&values[index]) }
    }
}
