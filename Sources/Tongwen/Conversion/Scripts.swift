/// What `tongwen convert --to` produces.
public enum Target: String, CaseIterable, Sendable {
    /// Simplified Chinese.
    case hans
    /// Traditional Chinese in OpenCC's standard forms.
    case hant
    /// Traditional Chinese, Taiwan standard characters.
    case tw
    /// Taiwan standard with Taiwan vocabulary (软件 → 軟體).
    case twp
    /// Traditional Chinese, Hong Kong standard characters.
    case hk
    /// Hong Kong standard with Hong Kong vocabulary.
    case hkp
    /// Simplified Chinese with mainland vocabulary (from Taiwan or Hong Kong text).
    case cn
    /// Japanese shinjitai.
    case jp

    /// One line for help texts.
    public var summary: String {
        switch self {
        case .hans: "Simplified Chinese"
        case .hant: "Traditional Chinese, OpenCC standard forms"
        case .tw: "Traditional Chinese, Taiwan standard forms"
        case .twp: "Taiwan standard with Taiwan vocabulary (软件 → 軟體)"
        case .hk: "Traditional Chinese, Hong Kong standard forms"
        case .hkp: "Hong Kong standard with Hong Kong vocabulary"
        case .cn: "Simplified Chinese with mainland vocabulary (軟體 → 软件)"
        case .jp: "Japanese shinjitai"
        }
    }
}

/// The script of the input; `auto` detects it.
public enum SourceScript: String, CaseIterable, Sendable {
    case auto, hans, hant, tw, hk, jp
}

/// OpenCC's 16 configs, reproduced exactly.
public enum OpenCCConfig: String, CaseIterable, Sendable {
    case s2t, t2s, s2tw, tw2s, s2twp, tw2sp, s2hk, hk2s, s2hkp, hk2sp, t2tw, tw2t, t2hk, hk2t, t2jp, jp2t
}

/// How text is cut into segments before conversion.
public enum Segmentation: String, CaseIterable, Sendable {
    /// The most probable words, by jieba's word frequencies (the default).
    case frequency
    /// OpenCC's longest match, with OpenCC's data alone: exactly OpenCC 1.4.2.
    case greedy
}
