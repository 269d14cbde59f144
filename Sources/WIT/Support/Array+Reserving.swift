extension Array {
    /// Appends, making room for `firstCapacity` elements on the first append:
    /// lists in WIT are short, and growing one element at a time costs an
    /// allocation per doubling. An empty list stays unallocated.
    mutating func appendReserving(_ element: Element, firstCapacity: Int = 4) {
        if capacity == 0 { reserveCapacity(firstCapacity) }
        append(element)
    }
}
