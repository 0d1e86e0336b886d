//! Derived indicators: a small expression language over indicator codes and
//! numbers, computed on read, e.g. `open_vacancies / employees * 100` (open
//! vacancies per 100 employees).
//!
//! Grammar (a tiny recursive-descent parser; no `eval`):
//!
//! ```text
//! formula := sum
//! sum     := product (("+" | "-") product)*
//! product := unary (("*" | "/") unary)*
//! unary   := "-" unary | primary
//! primary := number | indicator_code | "(" sum ")"
//! number  := digits ("." digits)?
//! ```
//!
//! Operators are left-associative with the usual precedence; the minus sign may be
//! typed as `-` or `−` (U+2212, as pasted from documents). Errors give the
//! 1-based character position and the reason.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::Series;
use crate::InvalidValue;
use crate::indicator::IndicatorCode;
use crate::period::Period;

/// The longest formula accepted, in characters.
pub const FORMULA_MAX: usize = 500;
/// The deepest nesting of parentheses and unary minus accepted.
pub const NESTING_MAX: usize = 32;

/// Why a formula was rejected and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at position {position}: {reason}")]
pub struct FormulaError {
    /// 1-based character position of the offending character (one past the end
    /// when the formula stops too early).
    pub position: usize,
    pub reason: String,
}

impl From<FormulaError> for InvalidValue {
    fn from(error: FormulaError) -> Self {
        InvalidValue::invalid_format(error.to_string())
    }
}

/// The four arithmetic operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    Add,
    Subtract,
    Multiply,
    Divide,
}

impl Operator {
    fn symbol(self) -> char {
        match self {
            Operator::Add => '+',
            Operator::Subtract => '-',
            Operator::Multiply => '*',
            Operator::Divide => '/',
        }
    }

    fn precedence(self) -> u8 {
        match self {
            Operator::Add | Operator::Subtract => 1,
            Operator::Multiply | Operator::Divide => 2,
        }
    }
}

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Number(f64),
    /// The value of another indicator for the same region and period.
    Input(IndicatorCode),
    Negate(Box<Expr>),
    Binary(Operator, Box<Expr>, Box<Expr>),
}

impl Expr {
    fn precedence(&self) -> u8 {
        match self {
            Expr::Binary(op, ..) => op.precedence(),
            Expr::Negate(_) => 3,
            Expr::Number(_) | Expr::Input(_) => 4,
        }
    }

    fn evaluate(&self, lookup: &dyn Fn(&IndicatorCode) -> Option<f64>) -> Option<f64> {
        let result = match self {
            Expr::Number(n) => *n,
            Expr::Input(code) => lookup(code)?,
            Expr::Negate(inner) => -inner.evaluate(lookup)?,
            Expr::Binary(op, left, right) => {
                let (left, right) = (left.evaluate(lookup)?, right.evaluate(lookup)?);
                match op {
                    Operator::Add => left + right,
                    Operator::Subtract => left - right,
                    Operator::Multiply => left * right,
                    Operator::Divide if right == 0.0 => return None,
                    Operator::Divide => left / right,
                }
            }
        };
        result.is_finite().then_some(result)
    }

    fn collect_inputs(&self, into: &mut Vec<IndicatorCode>) {
        match self {
            Expr::Number(_) => {}
            Expr::Input(code) => {
                if !into.contains(code) {
                    into.push(code.clone());
                }
            }
            Expr::Negate(inner) => inner.collect_inputs(into),
            Expr::Binary(_, left, right) => {
                left.collect_inputs(into);
                right.collect_inputs(into);
            }
        }
    }
}

/// Writes the expression with single spaces around operators and only the
/// parentheses it needs, so parsing the text gives the same expression back.
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let wrap = |f: &mut fmt::Formatter<'_>, e: &Expr, parens: bool| {
            if parens { write!(f, "({e})") } else { write!(f, "{e}") }
        };
        match self {
            Expr::Number(n) => write!(f, "{n}"),
            Expr::Input(code) => write!(f, "{code}"),
            Expr::Negate(inner) => {
                f.write_str("-")?;
                wrap(f, inner, inner.precedence() < 3)
            }
            Expr::Binary(op, left, right) => {
                wrap(f, left, left.precedence() < op.precedence())?;
                write!(f, " {} ", op.symbol())?;
                // Equal precedence on the right needs parentheses: a - (b - c).
                wrap(f, right, right.precedence() <= op.precedence())
            }
        }
    }
}

/// A parsed formula and the indicators it reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    expr: Expr,
    inputs: Vec<IndicatorCode>,
}

impl Formula {
    /// Parses a formula; see the module documentation for the grammar.
    pub fn parse(text: &str) -> Result<Self, FormulaError> {
        let length = text.chars().count();
        if length > FORMULA_MAX {
            return Err(FormulaError {
                position: FORMULA_MAX + 1,
                reason: format!("a formula may be at most {FORMULA_MAX} characters long"),
            });
        }
        let tokens = tokenize(text)?;
        let mut parser = Parser {
            tokens,
            next: 0,
            depth: 0,
        };
        if parser.peek().token == Token::End {
            return Err(FormulaError {
                position: 1,
                reason: "the formula is empty".into(),
            });
        }
        let expr = parser.sum()?;
        let rest = parser.peek();
        match &rest.token {
            Token::End => {}
            Token::Close => return Err(rest.error("this ')' has no matching '('")),
            other => return Err(rest.error(format!("expected an operator, found {}", other.describe()))),
        }
        let mut inputs = Vec::new();
        expr.collect_inputs(&mut inputs);
        Ok(Self { expr, inputs })
    }

    /// The indicators the formula reads, each once, in order of first appearance.
    pub fn inputs(&self) -> &[IndicatorCode] {
        &self.inputs
    }

    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// Computes the formula with `lookup` giving each input's value. No value
    /// when an input has none, on division by zero, or when the result is not a
    /// finite number: a derived figure is never made up.
    pub fn evaluate(&self, lookup: impl Fn(&IndicatorCode) -> Option<f64>) -> Option<f64> {
        self.expr.evaluate(&lookup)
    }

    /// The derived series for one region: the formula computed for every period in
    /// which some input has a value, from the inputs' series (of the same period
    /// type: aggregate a finer input first). Periods without a value are left out.
    pub fn evaluate_series(&self, inputs: &BTreeMap<IndicatorCode, Series>) -> Series {
        let periods: BTreeSet<Period> = inputs.values().flat_map(|series| series.keys().copied()).collect();
        periods
            .into_iter()
            .filter_map(|period| {
                let value = self.evaluate(|code| inputs.get(code)?.get(&period).copied())?;
                Some((period, value))
            })
            .collect()
    }
}

/// The canonical text of the formula (see [`Expr`]'s `Display`).
impl fmt::Display for Formula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.expr.fmt(f)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Code(IndicatorCode),
    Operator(Operator),
    Open,
    Close,
    End,
}

impl Token {
    fn describe(&self) -> String {
        match self {
            Token::Number(n) => format!("the number {n}"),
            Token::Code(code) => format!("'{code}'"),
            Token::Operator(op) => format!("'{}'", op.symbol()),
            Token::Open => "'('".into(),
            Token::Close => "')'".into(),
            Token::End => "the end of the formula".into(),
        }
    }
}

#[derive(Debug, Clone)]
struct Located {
    token: Token,
    /// 1-based character position of the token's first character.
    position: usize,
}

impl Located {
    fn error(&self, reason: impl Into<String>) -> FormulaError {
        FormulaError {
            position: self.position,
            reason: reason.into(),
        }
    }
}

fn tokenize(text: &str) -> Result<Vec<Located>, FormulaError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let position = i + 1;
        let error = |reason: String| FormulaError { position, reason };
        let token = match c {
            ' ' | '\t' | '\n' | '\r' => {
                i += 1;
                continue;
            }
            '+' => Token::Operator(Operator::Add),
            '-' | '\u{2212}' => Token::Operator(Operator::Subtract),
            '*' => Token::Operator(Operator::Multiply),
            '/' => Token::Operator(Operator::Divide),
            '(' => Token::Open,
            ')' => Token::Close,
            '0'..='9' => {
                let start = i;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                if i < chars.len() && chars[i] == '.' {
                    i += 1;
                    if !chars.get(i).is_some_and(char::is_ascii_digit) {
                        return Err(FormulaError {
                            position: i + 1,
                            reason: "expected a digit after the decimal point".into(),
                        });
                    }
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                let digits: String = chars[start..i].iter().collect();
                let value: f64 = digits
                    .parse()
                    .ok()
                    .filter(|v: &f64| v.is_finite())
                    .ok_or_else(|| error(format!("{digits} is not a usable number")))?;
                tokens.push(Located {
                    token: Token::Number(value),
                    position,
                });
                continue;
            }
            c if c.is_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let code = IndicatorCode::parse(&word)
                    .map_err(|e| error(format!("'{word}' is not an indicator code: it {}", e.reason)))?;
                tokens.push(Located {
                    token: Token::Code(code),
                    position,
                });
                continue;
            }
            ',' => return Err(error("unexpected ','; write decimals with a point, like 0.5".into())),
            other => return Err(error(format!("unexpected character '{other}'"))),
        };
        tokens.push(Located { token, position });
        i += 1;
    }
    tokens.push(Located {
        token: Token::End,
        position: chars.len() + 1,
    });
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Located>,
    next: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Located {
        // The token list always ends with `End`, which is never consumed.
        self.tokens[self.next.min(self.tokens.len() - 1)].clone()
    }

    fn advance(&mut self) -> Located {
        let token = self.peek();
        if token.token != Token::End {
            self.next += 1;
        }
        token
    }

    fn sum(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.product()?;
        while let Token::Operator(op @ (Operator::Add | Operator::Subtract)) = self.peek().token {
            self.advance();
            let right = self.product()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn product(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.unary()?;
        while let Token::Operator(op @ (Operator::Multiply | Operator::Divide)) = self.peek().token {
            self.advance();
            let right = self.unary()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn nested<T>(
        &mut self,
        at: &Located,
        parse: impl FnOnce(&mut Self) -> Result<T, FormulaError>,
    ) -> Result<T, FormulaError> {
        self.depth += 1;
        if self.depth > NESTING_MAX {
            return Err(at.error(format!("nested more than {NESTING_MAX} levels deep")));
        }
        let result = parse(self);
        self.depth -= 1;
        result
    }

    fn unary(&mut self) -> Result<Expr, FormulaError> {
        let next = self.peek();
        if next.token == Token::Operator(Operator::Subtract) {
            self.advance();
            return self.nested(&next, |p| Ok(Expr::Negate(Box::new(p.unary()?))));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, FormulaError> {
        let next = self.advance();
        match &next.token {
            Token::Number(n) => Ok(Expr::Number(*n)),
            Token::Code(code) => Ok(Expr::Input(code.clone())),
            Token::Open => self.nested(&next, |p| {
                let inner = p.sum()?;
                let close = p.advance();
                match &close.token {
                    Token::Close => Ok(inner),
                    Token::End => Err(next.error("this '(' is never closed")),
                    other => Err(close.error(format!("expected an operator or ')', found {}", other.describe()))),
                }
            }),
            other => Err(next.error(format!(
                "expected a number, an indicator code or '(', found {}",
                other.describe()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    fn code(s: &str) -> IndicatorCode {
        IndicatorCode::parse(s).expect("code")
    }

    fn eval(text: &str, inputs: &[(&str, f64)]) -> Option<f64> {
        let values: HashMap<IndicatorCode, f64> = inputs.iter().map(|(c, v)| (code(c), *v)).collect();
        Formula::parse(text)
            .expect("valid formula")
            .evaluate(|c| values.get(c).copied())
    }

    fn error(text: &str) -> (usize, String) {
        let e = Formula::parse(text).expect_err("invalid formula");
        (e.position, e.reason)
    }

    #[test]
    fn vacancies_per_hundred_employees() {
        let formula = Formula::parse("open_vacancies / employees * 100").expect("valid");
        assert_eq!(formula.inputs(), [code("open_vacancies"), code("employees")]);
        // 1 200 open vacancies, 40 000 employees: 3 per 100.
        assert_eq!(
            eval(
                "open_vacancies / employees * 100",
                &[("open_vacancies", 1200.0), ("employees", 40_000.0)]
            ),
            Some(3.0)
        );
    }

    #[test]
    fn precedence_and_associativity() {
        assert_eq!(eval("2 + 3 * 4", &[]), Some(14.0));
        assert_eq!(eval("(2 + 3) * 4", &[]), Some(20.0));
        assert_eq!(eval("10 - 4 - 3", &[]), Some(3.0));
        assert_eq!(eval("2 / 4 / 2", &[]), Some(0.25));
        assert_eq!(eval("-2 * 3", &[]), Some(-6.0));
        assert_eq!(eval("2 * -3", &[]), Some(-6.0));
        assert_eq!(eval("4 - -1", &[]), Some(5.0));
        assert_eq!(eval("--1.5", &[]), Some(1.5));
        assert_eq!(eval("−(2 − 5)", &[]), Some(3.0), "the typographic minus sign");
        assert_eq!(eval(" ( ( 7 ) ) ", &[]), Some(7.0));
    }

    #[test]
    fn missing_inputs_and_division_by_zero_give_no_value() {
        assert_eq!(eval("open_vacancies / employees", &[("open_vacancies", 5.0)]), None);
        assert_eq!(
            eval(
                "open_vacancies / employees",
                &[("open_vacancies", 5.0), ("employees", 0.0)]
            ),
            None
        );
        assert_eq!(eval("1 / (employees - employees)", &[("employees", 3.0)]), None);
        // 0 / x is fine.
        assert_eq!(eval("0 / employees", &[("employees", 3.0)]), Some(0.0));
    }

    #[test]
    fn a_derived_series_has_a_value_where_its_inputs_do() {
        let formula = Formula::parse("open_vacancies / employees * 100").expect("valid");
        let series = |points: &[(i32, f64)]| -> Series { points.iter().map(|(y, v)| (Period::Year(*y), *v)).collect() };
        let inputs: BTreeMap<IndicatorCode, Series> = [
            (
                code("open_vacancies"),
                series(&[(2021, 300.0), (2022, 450.0), (2023, 500.0)]),
            ),
            (
                code("employees"),
                series(&[(2022, 15_000.0), (2023, 0.0), (2024, 16_000.0)]),
            ),
        ]
        .into_iter()
        .collect();
        // 2021 and 2024 lack an input, 2023 divides by zero: only 2022 = 450 / 15 000 × 100 = 3.
        assert_eq!(formula.evaluate_series(&inputs), series(&[(2022, 3.0)]));
        // The periods are those of the inputs: 2021 to 2024.
        let constant = Formula::parse("1 + 1").expect("valid").evaluate_series(&inputs);
        assert_eq!(
            constant.keys().copied().collect::<Vec<_>>(),
            (2021..=2024).map(Period::Year).collect::<Vec<_>>()
        );
    }

    #[test]
    fn inputs_are_listed_once_in_order() {
        let formula = Formula::parse("(b_two + a_one) / b_two - 1").expect("valid");
        assert_eq!(formula.inputs(), [code("b_two"), code("a_one")]);
        assert!(Formula::parse("42").expect("constant").inputs().is_empty());
    }

    #[test]
    fn errors_say_where_and_why() {
        assert_eq!(error(""), (1, "the formula is empty".into()));
        assert_eq!(error("   "), (1, "the formula is empty".into()));
        assert_eq!(
            error("a_b +"),
            (
                6,
                "expected a number, an indicator code or '(', found the end of the formula".into()
            )
        );
        assert_eq!(error("(a_b + 1"), (1, "this '(' is never closed".into()));
        assert_eq!(error("a_b + 1)"), (8, "this ')' has no matching '('".into()));
        assert_eq!(error("a_b c_d"), (5, "expected an operator, found 'c_d'".into()));
        assert_eq!(
            error("(a_b c_d)"),
            (6, "expected an operator or ')', found 'c_d'".into())
        );
        assert_eq!(
            error("2 * * 3"),
            (5, "expected a number, an indicator code or '(', found '*'".into())
        );
        assert_eq!(error("a_b % 2"), (5, "unexpected character '%'".into()));
        assert_eq!(
            error("1,5 * a_b"),
            (2, "unexpected ','; write decimals with a point, like 0.5".into())
        );
        assert_eq!(error("12. + 1"), (4, "expected a digit after the decimal point".into()));
        assert_eq!(
            error("()"),
            (2, "expected a number, an indicator code or '(', found ')'".into())
        );
        let (position, reason) = error("1 + Employees");
        assert_eq!(position, 5);
        assert!(
            reason.starts_with("'Employees' is not an indicator code: it must be"),
            "{reason}"
        );
        // Positions count characters, not bytes.
        assert_eq!(error("−1 ä").0, 4);
    }

    #[test]
    fn limits_length_and_nesting() {
        let deep = format!("{}1{}", "(".repeat(NESTING_MAX + 1), ")".repeat(NESTING_MAX + 1));
        assert_eq!(error(&deep).0, NESTING_MAX + 1);
        let ok = format!("{}1{}", "(".repeat(NESTING_MAX), ")".repeat(NESTING_MAX));
        assert!(Formula::parse(&ok).is_ok());
        assert!(error(&"-".repeat(NESTING_MAX + 1)).1.contains("nested"));
        let long = vec!["1"; FORMULA_MAX].join("+");
        assert_eq!(error(&long).0, FORMULA_MAX + 1);
    }

    #[test]
    fn displays_canonically() {
        let canonical = |text: &str| Formula::parse(text).expect("valid").to_string();
        assert_eq!(
            canonical("open_vacancies/employees*100"),
            "open_vacancies / employees * 100"
        );
        assert_eq!(canonical("a_b - (c_d - 1)"), "a_b - (c_d - 1)");
        assert_eq!(canonical("(a_b - c_d) - 1"), "a_b - c_d - 1");
        assert_eq!(canonical("-(a_b * 2)"), "-(a_b * 2)");
        assert_eq!(canonical("(-a_b) * 2.50"), "-a_b * 2.5");
        assert_eq!(
            InvalidValue::from(Formula::parse("(").expect_err("bad")).reason,
            "at position 2: expected a number, an indicator code or '(', found the end of the formula"
        );
    }

    fn any_expr() -> impl Strategy<Value = Expr> {
        let leaf = prop_oneof![
            (0u32..10_000).prop_map(|n| Expr::Number(f64::from(n) / 4.0)),
            proptest::sample::select(vec!["employees", "open_vacancies", "sick_leave"])
                .prop_map(|c| Expr::Input(code(c))),
        ];
        leaf.prop_recursive(6, 48, 2, |inner| {
            let op = proptest::sample::select(vec![
                Operator::Add,
                Operator::Subtract,
                Operator::Multiply,
                Operator::Divide,
            ]);
            prop_oneof![
                inner.clone().prop_map(|e| Expr::Negate(Box::new(e))),
                (op, inner.clone(), inner).prop_map(|(op, l, r)| Expr::Binary(op, Box::new(l), Box::new(r))),
            ]
        })
    }

    proptest! {
        #[test]
        fn display_parses_back_to_the_same_expression(expr in any_expr()) {
            let text = expr.to_string();
            prop_assume!(text.chars().count() <= FORMULA_MAX);
            let parsed = Formula::parse(&text);
            prop_assert!(parsed.is_ok(), "{text}: {parsed:?}");
            let parsed = parsed.expect("checked");
            prop_assert_eq!(parsed.expr(), &expr, "{}", text);
            let values = |c: &IndicatorCode| Some(c.as_str().len() as f64);
            let (a, b) = (parsed.evaluate(values), expr.evaluate(&values));
            prop_assert!(a == b || (a.is_none() && b.is_none()));
        }

        #[test]
        fn never_panics(text in "[a-z0-9_ +*/().,−-]{0,40}", other in ".{0,20}") {
            let _ = Formula::parse(&text);
            let _ = Formula::parse(&other);
        }
    }
}
