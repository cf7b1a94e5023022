/// Names for generated demo people: British, Irish, Polish, Chinese, Nigerian, Pakistani,
/// French... with accents, CJK and the odd emoji, as in a real school's records.
enum DemoNames {
    static let first = ["Amira", "Oliver", "Zoë", "Siobhán", "Łukasz", "Mei", "Noah", "Aisha", "Freya", "Kai",
                        "Ibrahim", "Chloé", "Tomasz", "Sofia", "Dylan", "Nia", "Arjun", "Grace", "Yusuf", "Élodie",
                        "Callum", "Hana", "Rhys", "Leila", "Oisín", "Maya", "Jakub", "Ava", "Kofi", "Isla",
                        "Finn", "Zara", "Haruto", "Evie", "Chidi", "Agnieszka", "Bláithín", "René", "Ngozi", "Seren"]
    static let surnames = ["Khan", "Smith", "Taylor", "Murphy", "Kowalski", "Chen", "Jones", "Begum", "Wilson", "Patel",
                           "Ahmed", "Martin", "Nowak", "Rossi", "Davies", "Williams", "Sharma", "Brown", "Ali", "Bernard",
                           "MacLeod", "Suzuki", "Evans", "Hussain", "Byrne", "Green", "Novák", "Walker", "Mensah", "Campbell",
                           "O'Brien", "Malik", "Sato", "Hughes", "Okonkwo", "Wiśniewska", "Ó Súilleabháin", "Lefèvre", "Adeyemi", "Price"]
    static let cjk = ["王芳", "李娜", "张伟", "陈静", "佐藤花子", "김민준"]
    static let emoji = ["🌟", "🎭", "⚽", "🎻", "🌻", "📚"]
    static let topics = ["French", "Maths", "Science", "History", "Geography", "Music", "Art", "PE", "Drama", "Computing"]
    static let places = ["Paris", "Berlin", "Barcelona", "Iceland", "the Lake District", "Snowdonia", "Rome",
                         "the Isle of Wight", "CERN, Geneva", "Kraków", "Edinburgh", "the Peak District"]
    static let eventTitles = ["Parents' evening", "Open evening", "Sports day", "Concert", "Mock exams", "INSET day",
                              "Staff meeting", "Governors' meeting", "Bake sale", "Science fair", "Fixture", "Assembly",
                              "Careers fair", "Options evening", "Prize giving", "Non-uniform day"]
    static let domains = ["home.example", "mail.example", "family.example", "post.example"]

    /// The name of generated person `n`: mostly first name + surname, every 17th in CJK,
    /// every 23rd with an emoji.
    static func person(_ n: Int) -> String {
        if n % 17 == 5 { return cjk[n / 17 % cjk.count] }
        let name = "\(first[n % first.count]) \(surnames[(n / first.count + n * 7) % surnames.count])"
        return n % 23 == 7 ? "\(name) \(emoji[n / 23 % emoji.count])" : name
    }
}
