//! Test-only helpers: a small, strict XML checker/parser (enough for the SVG
//! the charts produce) so tests can assert well-formedness and query
//! elements without extra dependencies.

/// An element with its attributes (entity-decoded), children and text.
#[derive(Debug, Clone)]
pub struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub text: String,
}

impl Node {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whitespace-trimmed text directly inside this element.
    pub fn text(&self) -> String {
        self.text.trim().to_string()
    }

    /// All text in this element and its descendants, joined with spaces.
    pub fn all_text(&self) -> String {
        let mut parts = vec![self.text()];
        for c in &self.children {
            parts.push(c.all_text());
        }
        parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .map(|c| c.split_whitespace().any(|x| x == class))
            .unwrap_or(false)
    }

    /// Depth-first list of descendants (including self) matching `pred`.
    pub fn find<'a>(&'a self, pred: &dyn Fn(&Node) -> bool) -> Vec<&'a Node> {
        let mut out = Vec::new();
        self.walk(pred, &mut out);
        out
    }

    fn walk<'a>(&'a self, pred: &dyn Fn(&Node) -> bool, out: &mut Vec<&'a Node>) {
        if pred(self) {
            out.push(self);
        }
        for c in &self.children {
            c.walk(pred, out);
        }
    }

    pub fn find_all<'a>(&'a self, name: &str) -> Vec<&'a Node> {
        self.find(&|n: &Node| n.name == name)
    }

    pub fn find_class<'a>(&'a self, class: &str) -> Vec<&'a Node> {
        self.find(&|n: &Node| n.has_class(class))
    }
}

fn decode(s: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after
            .find(';')
            .ok_or_else(|| format!("unterminated entity in {s:?}"))?;
        let ent = &after[..end];
        match ent {
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "amp" => out.push('&'),
            "quot" => out.push('"'),
            "apos" => out.push('\''),
            _ => {
                let code = if let Some(hex) = ent.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).map_err(|e| e.to_string())?
                } else if let Some(dec) = ent.strip_prefix('#') {
                    dec.parse::<u32>().map_err(|e| e.to_string())?
                } else {
                    return Err(format!("unknown entity &{ent};"));
                };
                out.push(char::from_u32(code).ok_or("bad char ref")?);
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn check_chars(s: &str) -> Result<(), String> {
    for c in s.chars() {
        let ok = matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
        if !ok {
            return Err(format!("illegal XML character {:?}", c));
        }
    }
    Ok(())
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        && !s.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.')
}

/// Parses a document with exactly one root element (an optional XML
/// declaration and comments aside). Rejects unbalanced tags, stray `<` or
/// `&`, unknown entities, duplicate attributes, unquoted attributes, CDATA
/// sections and DOCTYPEs (the charts never emit those).
pub fn parse(doc: &str) -> Result<Node, String> {
    check_chars(doc)?;
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    let mut rest = doc;
    loop {
        let Some(lt) = rest.find('<') else {
            let tail = rest;
            if !tail.trim().is_empty() {
                return Err(format!("text outside the root: {tail:?}"));
            }
            break;
        };
        let text = &rest[..lt];
        if text.contains('>') && text.contains("]]>") {
            return Err("']]>' in text".into());
        }
        let decoded = decode(text)?;
        match stack.last_mut() {
            Some(n) => n.text.push_str(&decoded),
            None if text.trim().is_empty() => {}
            None => return Err(format!("text outside the root: {text:?}")),
        }
        rest = &rest[lt..];
        if let Some(r) = rest.strip_prefix("<!--") {
            let end = r.find("-->").ok_or("unterminated comment")?;
            rest = &r[end + 3..];
            continue;
        }
        if let Some(r) = rest.strip_prefix("<?") {
            if root.is_some() || !stack.is_empty() {
                return Err("processing instruction inside the document".into());
            }
            let end = r.find("?>").ok_or("unterminated declaration")?;
            rest = &r[end + 2..];
            continue;
        }
        if rest.starts_with("<!") {
            return Err("CDATA/DOCTYPE not expected".into());
        }
        let gt = find_tag_end(rest).ok_or("unterminated tag")?;
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            let node = stack.pop().ok_or(format!("unexpected </{name}>"))?;
            if node.name != name {
                return Err(format!("</{name}> closes <{}>", node.name));
            }
            attach(node, &mut stack, &mut root)?;
            continue;
        }
        let (tag, self_closing) = match tag.strip_suffix('/') {
            Some(t) => (t, true),
            None => (tag, false),
        };
        let node = parse_start_tag(tag)?;
        if self_closing {
            attach(node, &mut stack, &mut root)?;
        } else {
            stack.push(node);
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!("<{}> not closed", open.name));
    }
    root.ok_or_else(|| "no root element".to_string())
}

fn find_tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"') | (None, '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

fn attach(node: Node, stack: &mut [Node], root: &mut Option<Node>) -> Result<(), String> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(node),
        None if root.is_none() => *root = Some(node),
        None => return Err("more than one root element".into()),
    }
    Ok(())
}

fn parse_start_tag(tag: &str) -> Result<Node, String> {
    let tag = tag.trim_end();
    let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
    let name = &tag[..name_end];
    if !is_name(name) {
        return Err(format!("bad element name {name:?}"));
    }
    let mut attrs: Vec<(String, String)> = Vec::new();
    let mut rest = tag[name_end..].trim_start();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or(format!("attribute without value in <{name}>"))?;
        let key = rest[..eq].trim();
        if !is_name(key) {
            return Err(format!("bad attribute name {key:?}"));
        }
        let after = rest[eq + 1..].trim_start();
        let q = after
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
            .ok_or(format!("unquoted attribute {key}"))?;
        let body = &after[1..];
        let end = body.find(q).ok_or("unterminated attribute")?;
        let raw = &body[..end];
        if raw.contains('<') {
            return Err(format!("'<' in attribute {key}"));
        }
        if attrs.iter().any(|(k, _)| k == key) {
            return Err(format!("duplicate attribute {key}"));
        }
        attrs.push((key.to_string(), decode(raw)?));
        let next = &body[end + 1..];
        if !next.is_empty() && !next.starts_with(char::is_whitespace) {
            return Err(format!("no space after attribute {key}"));
        }
        rest = next.trim_start();
    }
    Ok(Node {
        name: name.to_string(),
        attrs,
        children: Vec::new(),
        text: String::new(),
    })
}

/// Asserts the SVG is well-formed and contains no injected markup; returns
/// the parsed root.
pub fn assert_safe_svg(svg: &str) -> Node {
    let root = parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}"));
    assert_eq!(root.name, "svg");
    for bad in ["<script", "<img", "<iframe", "<foreignObject"] {
        assert!(!svg.contains(bad), "output contains {bad:?}:\n{svg}");
    }
    let allowed = [
        "svg", "g", "title", "desc", "rect", "circle", "line", "polyline", "polygon", "text",
        "path", "defs", "marker",
    ];
    for n in root.find(&|_| true) {
        assert!(
            allowed.contains(&n.name.as_str()),
            "unexpected <{}>",
            n.name
        );
        for (k, v) in &n.attrs {
            assert!(!k.starts_with("on"), "event handler attribute {k}");
            let user_text = k == "class" || k.starts_with("data-") || k.starts_with("aria-");
            if !user_text {
                assert!(
                    !v.contains("NaN") && !v.contains("inf"),
                    "non-finite number in {k}={v:?}"
                );
            }
        }
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checker_accepts_good_and_rejects_bad() {
        assert!(parse("<a x=\"1\"><b/>t &amp; &lt;</a>").is_ok());
        assert!(parse("<?xml version=\"1.0\"?>\n<a/>").is_ok());
        for bad in [
            "<a><b></a></b>",
            "<a>",
            "<a>x < y</a>",
            "<a>x & y</a>",
            "<a x=1/>",
            "<a x=\"<\"/>",
            "<a/><b/>",
            "text<a/>",
            "<a>&bogus;</a>",
            "<a x=\"1\" x=\"2\"/>",
            "<a>\u{1}</a>",
            "<a><![CDATA[x]]></a>",
        ] {
            assert!(parse(bad).is_err(), "accepted {bad:?}");
        }
        let n = parse("<a><b class=\"p q\" d=\"&quot;\">hi</b></a>").unwrap();
        assert_eq!(n.find_class("q").len(), 1);
        assert_eq!(n.find_class("q")[0].attr("d"), Some("\""));
        assert_eq!(n.all_text(), "hi");
    }
}
