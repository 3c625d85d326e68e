// A JSON tree under construction, in key order: the classeur is read sheet by sheet, and a sheet adds members to
// objects another sheet created (an indicator row lands in the objective an `Objectifs` row made).

import TrainingWorkbook

final class MutableObject {
    private(set) var keys: [String] = []
    private var values: [String: MutableValue] = [:]

    subscript(key: String) -> MutableValue? { values[key] }

    func set(_ key: String, _ value: MutableValue) {
        if values[key] == nil { keys.append(key) }
        values[key] = value
    }

    func set(_ key: String, _ value: JSONValue) { set(key, .value(value)) }

    /// The object at `key`, made when absent.
    func object(_ key: String) -> MutableObject {
        if case .object(let o)? = values[key] { return o }
        let o = MutableObject()
        set(key, .object(o))
        return o
    }

    /// The array at `key`, made when absent.
    func array(_ key: String) -> MutableArray {
        if case .array(let a)? = values[key] { return a }
        let a = MutableArray()
        set(key, .array(a))
        return a
    }

    /// Sets a value at a dotted path (`signatory.name`), making the objects on the way.
    func set(path: [String], _ value: JSONValue) {
        guard let last = path.last else { return }
        var o = self
        for k in path.dropLast() { o = o.object(k) }
        o.set(last, value)
    }

    var json: JSONValue { .object(keys.compactMap { k in values[k].map { JSONMember(key: k, value: $0.json) } }) }
}

final class MutableArray {
    var items: [MutableValue] = []
    func append(_ v: MutableValue) { items.append(v) }
}

enum MutableValue {
    case value(JSONValue)
    case object(MutableObject)
    case array(MutableArray)

    var json: JSONValue {
        switch self {
        case .value(let v): return v
        case .object(let o): return o.json
        case .array(let a): return .array(a.items.map(\.json))
        }
    }
}
