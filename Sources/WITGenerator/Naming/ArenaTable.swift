import WITModel

/// An id into one of the model's arenas (types, interfaces, worlds, packages).
protocol ArenaID {
    /// The position in the arena.
    var index: Int { get }
}

extension TypeID: ArenaID {}
extension InterfaceID: ArenaID {}
extension WorldID: ArenaID {}
extension PackageID: ArenaID {}

/// A value per arena id, stored by position: the back ends look names and facts up
/// for every type they mention, and an array read costs far less than hashing an id.
struct ArenaTable<ID: ArenaID, Value> {
    private var values: [Value?]

    /// A table with room for `count` ids, all without a value.
    init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    /// The value for an id, or `nil`.
    subscript(id: ID) -> Value? {
        get { values[id.index] }
        set { values[id.index] = newValue }
    }

    /// The value for an id, or `defaultValue` (which an update stores).
    subscript(id: ID, default defaultValue: @autoclosure () -> Value) -> Value {
        get { values[id.index] ?? defaultValue() }
        set { values[id.index] = newValue }
    }
}
