/// A dictionary that remembers insertion order, as WIT's model needs (the order
/// of types, functions, imports and exports is part of the meaning).
///
/// Keys and values live in two parallel arrays, in order; a hash table maps each
/// key to its position. Iterating touches only the arrays; a lookup hashes once.
public struct OrderedDictionary<Key: Hashable & Sendable, Value: Sendable>: Sendable, Sequence {
    // Inlinable throughout: the front end and the back ends are other modules, and a generic
    // type they cannot specialize costs a metadata lookup on every call.

    /// The keys in insertion order.
    @inlinable public var keys: [Key] { storedKeys }
    /// The values in key order.
    @inlinable public var values: [Value] { storedValues }
    @usableFromInline var storedKeys: [Key] = []
    @usableFromInline var storedValues: [Value] = []
    /// The position of each key in `keys` and `values`.
    @usableFromInline var positions: [Key: Int] = [:]

    /// Creates an empty dictionary.
    @inlinable public init() {}

    /// The number of entries.
    @inlinable public var count: Int { keys.count }
    /// Whether there are no entries.
    @inlinable public var isEmpty: Bool { keys.isEmpty }

    /// The value for a key; setting a new key appends it, setting `nil` removes it.
    @inlinable public subscript(key: Key) -> Value? {
        get {
            guard let position = positions[key] else { return nil }
            return values[position]
        }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else if let position = positions.removeValue(forKey: key) {
                storedKeys.remove(at: position)
                storedValues.remove(at: position)
                for index in position..<keys.count { positions[keys[index]] = index }
            }
        }
    }

    /// Makes room for `minimumCapacity` entries, so that adding that many allocates nothing more.
    @inlinable public mutating func reserveCapacity(_ minimumCapacity: Int) {
        storedKeys.reserveCapacity(minimumCapacity)
        storedValues.reserveCapacity(minimumCapacity)
        positions.reserveCapacity(minimumCapacity)
    }

    /// The position of a key in ``keys`` (and its value in ``values``).
    @inlinable public func index(forKey key: Key) -> Int? { positions[key] }

    /// Changes the value of a key in place (no copy of it); `nil` when the key is absent.
    @discardableResult
    @inlinable public mutating func modifyValue<Result>(forKey key: Key, _ body: (inout Value) throws -> Result) rethrows -> Result? {
        guard let position = positions[key] else { return nil }
        return try body(&storedValues[position])
    }

    /// Inserts or replaces a value, returning the previous one.
    @discardableResult
    @inlinable public mutating func updateValue(_ value: Value, forKey key: Key) -> Value? {
        let end = keys.count
        // One hash lookup: the defaulted subscript inserts `end` when the key is new.
        let position = Self.read(&positions[key, default: end])
        guard position == end else {
            let previous = values[position]
            storedValues[position] = value
            return previous
        }
        storedKeys.append(key)
        storedValues.append(value)
        return nil
    }

    @inlinable static func read(_ position: inout Int) -> Int { position }

    /// Iterates `(key, value)` pairs in insertion order.
    public struct Iterator: IteratorProtocol {
        @usableFromInline var keys: IndexingIterator<[Key]>
        @usableFromInline var values: IndexingIterator<[Value]>

        @inlinable init(keys: [Key], values: [Value]) {
            self.keys = keys.makeIterator()
            self.values = values.makeIterator()
        }

        /// The next pair, or `nil` after the last.
        @inlinable public mutating func next() -> (key: Key, value: Value)? {
            guard let key = keys.next(), let value = values.next() else { return nil }
            return (key, value)
        }
    }

    /// Iterates `(key, value)` pairs in insertion order.
    @inlinable public func makeIterator() -> Iterator { Iterator(keys: keys, values: values) }

    /// The number of entries (iteration visits exactly this many).
    @inlinable public var underestimatedCount: Int { keys.count }

    /// Keeps only the entries for which `isIncluded` is true, in order.
    /// `isIncluded` is called once per entry, in order.
    @inlinable public mutating func filter(_ isIncluded: (Key, Value) -> Bool) {
        guard let firstDropped = keys.indices.first(where: { !isIncluded(keys[$0], values[$0]) }) else { return }
        var kept = OrderedDictionary()
        kept.reserveCapacity(keys.count - 1)
        for index in keys.indices where index < firstDropped || (index > firstDropped && isIncluded(keys[index], values[index])) {
            kept.updateValue(values[index], forKey: keys[index])
        }
        self = kept
    }

    /// Applies `transform` to every value in place, in order.
    @inlinable public mutating func mutateValues<Failure: Error>(_ transform: (inout Value) throws(Failure) -> Void) throws(Failure) {
        for index in storedValues.indices { try transform(&storedValues[index]) }
    }
}
