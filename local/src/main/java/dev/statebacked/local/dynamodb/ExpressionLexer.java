package dev.statebacked.local.dynamodb;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens. Keywords (AND, SET, ...) come out as identifiers; the parser recognises them. */
final class ExpressionLexer {

    enum Kind {
        IDENTIFIER,
        NAME_PLACEHOLDER,
        VALUE_PLACEHOLDER,
        NUMBER,
        LPAREN,
        RPAREN,
        LBRACKET,
        RBRACKET,
        COMMA,
        DOT,
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE,
        PLUS,
        MINUS,
        END
    }

    record Token(Kind kind, String text, int position) {
        boolean isKeyword(String keyword) {
            return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
        }
    }

    private ExpressionLexer() {}

    static List<Token> tokenize(String text, String expressionKind) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '#' || c == ':') {
                i++;
                while (i < text.length() && isNameChar(text.charAt(i))) i++;
                if (i == start + 1) throw syntaxError(expressionKind, text, String.valueOf(c));
                tokens.add(new Token(
                        c == '#' ? Kind.NAME_PLACEHOLDER : Kind.VALUE_PLACEHOLDER, text.substring(start, i), start));
            } else if (Character.isDigit(c)) {
                while (i < text.length() && Character.isDigit(text.charAt(i))) i++;
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), start));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < text.length() && isNameChar(text.charAt(i))) i++;
                tokens.add(new Token(Kind.IDENTIFIER, text.substring(start, i), start));
            } else {
                Kind kind;
                int length = 1;
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                switch (two) {
                    case "<>" -> {
                        kind = Kind.NE;
                        length = 2;
                    }
                    case "<=" -> {
                        kind = Kind.LE;
                        length = 2;
                    }
                    case ">=" -> {
                        kind = Kind.GE;
                        length = 2;
                    }
                    default ->
                        kind = switch (c) {
                            case '(' -> Kind.LPAREN;
                            case ')' -> Kind.RPAREN;
                            case '[' -> Kind.LBRACKET;
                            case ']' -> Kind.RBRACKET;
                            case ',' -> Kind.COMMA;
                            case '.' -> Kind.DOT;
                            case '=' -> Kind.EQ;
                            case '<' -> Kind.LT;
                            case '>' -> Kind.GT;
                            case '+' -> Kind.PLUS;
                            case '-' -> Kind.MINUS;
                            default ->
                                throw DynamoDbException.validation("Invalid " + expressionKind + ": Invalid token: \""
                                        + c + "\" at position " + i + "; expression: " + text);
                        };
                }
                tokens.add(new Token(kind, text.substring(i, i + length), i));
                i += length;
            }
        }
        tokens.add(new Token(Kind.END, "<EOF>", text.length()));
        return tokens;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    static DynamoDbException syntaxError(String expressionKind, String text, String token) {
        return DynamoDbException.validation(
                "Invalid " + expressionKind + ": Syntax error; token: \"" + token + "\", near: \"" + text + "\"");
    }
}
