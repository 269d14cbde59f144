// Runtime ABI check of the C back end on every type form (Scripts/check-c-types-runtime).
//
// Built against the header witgen generates for world test:types/all (Tests/Fixtures/CTypes/
// types.wit). Both directions are checked against wasmtime's canonical ABI, with the fake host
// Tests/Fixtures/CTypes/host.py:
//  - imports: `run` calls every function of the imported interface `echo` and the world-level
//    imports with distinctive values (the host checks each argument) and checks every field of
//    what the host returns; it returns "ok N checks" or the first mismatch;
//  - exports: the guest implements the exported `echo` (and the world-level exports): each
//    function checks the arguments the host passes (by call number) and returns distinctive
//    values, which the host checks; `report` returns "ok N checks" for those checks, the
//    destructor calls of the exported resource, and that every block the host or the adapters
//    allocated was freed (arguments by the guest, results by the post-return functions).
//
// The values here and in host.py must agree; each builder names its counterpart (P1, S_A, B1...).
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// --- allocation accounting -------------------------------------------------------------------
// The implementation below (cabi_realloc, the _free helpers, the post-return functions) and this
// file allocate and free through these, so `live_blocks` counts the blocks still allocated.

static int64_t live_blocks;

static void *counted_realloc(void *ptr, size_t size) {
    void *result = realloc(ptr, size);
    if (!ptr && result) live_blocks++;
    return result;
}

static void counted_free(void *ptr) {
    if (ptr) live_blocks--;
    free(ptr);
}

#define realloc counted_realloc
#define free counted_free
#define malloc(size) counted_realloc(NULL, (size))

#define ALL_IMPLEMENTATION
#include "all.h"

typedef all_string_t string_t;
typedef test_types_types_point_t point_t;
typedef test_types_types_person_t person_t;
typedef test_types_types_num_t num_t;
typedef test_types_types_small_t small_t;
typedef test_types_types_mixed_t mixed_t;
typedef test_types_types_bare_t bare_t;
typedef test_types_types_scalars_t scalars_t;
typedef test_types_types_big_t big_t;
typedef all_root_rec_t root_rec_t;

#define T(name) TEST_TYPES_TYPES_##name
#define ECHO(name) test_types_echo_##name
#define EXPORT(name) exports_test_types_echo_##name

// --- checks ----------------------------------------------------------------------------------

static uint32_t checks;
static char failure[240];
static size_t failure_len;

static void put(const char *s) {
    while (*s && failure_len + 1 < sizeof(failure)) failure[failure_len++] = *s++;
}

static void put_u64(uint64_t value) {
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char) ('0' + value % 10);
        value /= 10;
    } while (value);
    char text[24];
    for (int i = 0; i < n; i++) text[i] = digits[n - 1 - i];
    text[n] = 0;
    put(text);
}

static void put_hex(uint64_t value) {
    static const char hex[] = "0123456789abcdef";
    char text[19] = "0x";
    int n = 2;
    int shift = 60;
    while (shift > 0 && ((value >> shift) & 0xf) == 0) shift -= 4;
    for (; shift >= 0; shift -= 4) text[n++] = hex[(value >> shift) & 0xf];
    text[n] = 0;
    put(text);
}

// Counts one check; the first that fails is reported as "line L: EXPR: got G, want W" (hex).
static void check_eq(uint64_t got, uint64_t want, int line, const char *expr) {
    checks++;
    if (got == want || failure_len) return;
    put("line ");
    put_u64((uint64_t) line);
    put(": ");
    put(expr);
    put(": got ");
    put_hex(got);
    put(", want ");
    put_hex(want);
}

static void fail(int line, const char *what) {
    check_eq(0, 1, line, what);
}

#define EQ(got, want) check_eq((uint64_t) (got), (uint64_t) (want), __LINE__, #got)
#define TRUE(cond) check_eq((cond) ? 1 : 0, 1, __LINE__, #cond)

static uint32_t f32_bits(float value) {
    uint32_t bits;
    memcpy(&bits, &value, sizeof(bits));
    return bits;
}

static uint64_t f64_bits(double value) {
    uint64_t bits;
    memcpy(&bits, &value, sizeof(bits));
    return bits;
}

// A float from its bits (host.py: F32(bits)), for values no decimal literal spells exactly.
static float f32_from(uint32_t bits) {
    float value;
    memcpy(&value, &bits, sizeof(value));
    return value;
}

// Floats compare bit for bit (-0.0 is not 0.0).
#define EQ_F32(got, want) check_eq(f32_bits(got), f32_bits(want), __LINE__, #got)
#define EQ_F64(got, want) check_eq(f64_bits(got), f64_bits(want), __LINE__, #got)

// Fills a value with 0xa5 bytes first, so that padding and unused union bytes are garbage:
// an adapter must lower only the fields of the case in use, and lift every field it returns.
#define GARBAGE(x) memset(&(x), 0xa5, sizeof(x))

// --- values (host.py has the same names) -----------------------------------------------------
// Every builder allocates what the value owns, as a result of an export must be (the
// post-return function frees it); a value built for an import call is freed by the caller.

static string_t str(const char *s) {
    string_t result;
    all_string_dup(&result, s);
    return result;
}

// LONG: 300 bytes, 'a' + i % 26.
static const char *long_text(void) {
    static char text[301];
    for (int i = 0; i < 300; i++) text[i] = (char) ('a' + i % 26);
    text[300] = 0;
    return text;
}

static all_list_string_t strs(size_t n, const char *const *items) {
    all_list_string_t list;
    list.len = n;
    list.ptr = n ? malloc(n * sizeof(string_t)) : NULL;
    for (size_t i = 0; i < n; i++) list.ptr[i] = str(items[i]);
    return list;
}

static point_t point(int32_t x, int32_t y) {
    point_t p;
    p.x = x;
    p.y = y;
    return p;
}

static person_t person(const char *name, uint8_t age, const char *nick, size_t ntags, const char *const *tags,
                       int32_t x, int32_t y, double score) {
    person_t p;
    GARBAGE(p);
    p.name = str(name);
    p.age = age;
    p.nick.is_some = nick != NULL;
    if (nick) p.nick.val = str(nick);
    p.tags = strs(ntags, tags);
    p.home = point(x, y);
    p.score = score;
    return p;
}

static const char *const P1_TAGS[] = {"math", "engines"};
static const char *const P3_TAGS[] = {"cobol", "navy", ""};
static person_t P1(void) { return person("Ada", 36, "countess", 2, P1_TAGS, -1, 2, 99.5); }
static person_t P2(void) { return person("", 255, NULL, 0, NULL, INT32_MIN, INT32_MAX, -0.0); }
static person_t P3(void) { return person("Grace Hopper", 85, "amazing grace", 3, P3_TAGS, 1906, 1992, 1.0e-3); }

static scalars_t scalars(bool flag, int8_t a, uint8_t b, int16_t c, uint16_t d, int32_t e, uint32_t f, int64_t g,
                         uint64_t h, float x, double y, uint32_t ch) {
    scalars_t s;
    GARBAGE(s);
    s.flag = flag;
    s.a = a;
    s.b = b;
    s.c = c;
    s.d = d;
    s.e = e;
    s.f = f;
    s.g = g;
    s.h = h;
    s.x = x;
    s.y = y;
    s.ch = ch;
    return s;
}

static scalars_t S_A(void) {
    return scalars(true, -128, 255, -32768, 65535, INT32_MIN, 0xffffffffu, INT64_MIN, UINT64_MAX,
                   f32_from(0xc0490fdb), -0.0, 0x1f9ea);
}

static scalars_t S_R(void) {
    return scalars(false, 127, 0x80, 32767, 0x8001, INT32_MAX, 0x80000000u, INT64_MAX, 0x8000000000000001ull,
                   f32_from(0x7f7fffff), 5e-324, 0xd7ff);
}

static num_t num_f(float f) {
    num_t n;
    GARBAGE(n);
    n.tag = T(NUM_F);
    n.val.f = f;
    return n;
}

static num_t num_big(uint64_t big) {
    num_t n;
    GARBAGE(n);
    n.tag = T(NUM_BIG);
    n.val.big = big;
    return n;
}

static small_t small_f(float f) {
    small_t s;
    GARBAGE(s);
    s.tag = T(SMALL_F);
    s.val.f = f;
    return s;
}

static small_t small_i(uint32_t i) {
    small_t s;
    GARBAGE(s);
    s.tag = T(SMALL_I);
    s.val.i = i;
    return s;
}

static mixed_t mixed(uint8_t tag) {
    mixed_t m;
    GARBAGE(m);
    m.tag = tag;
    return m;
}

static mixed_t mixed_d(double d) { mixed_t m = mixed(T(MIXED_D)); m.val.d = d; return m; }
static mixed_t mixed_h(float h) { mixed_t m = mixed(T(MIXED_H)); m.val.h = h; return m; }
static mixed_t mixed_i(uint32_t i) { mixed_t m = mixed(T(MIXED_I)); m.val.i = i; return m; }
static mixed_t mixed_s(const char *s) { mixed_t m = mixed(T(MIXED_S)); m.val.s = str(s); return m; }
static mixed_t mixed_nothing(void) { return mixed(T(MIXED_NOTHING)); }
static mixed_t mixed_c(uint32_t c) { mixed_t m = mixed(T(MIXED_C)); m.val.c = c; return m; }
static mixed_t mixed_n(int8_t n) { mixed_t m = mixed(T(MIXED_N)); m.val.n = n; return m; }
static mixed_t mixed_w(int64_t w) { mixed_t m = mixed(T(MIXED_W)); m.val.w = w; return m; }
static mixed_t mixed_p(int32_t x, int32_t y) { mixed_t m = mixed(T(MIXED_P)); m.val.p = point(x, y); return m; }

static bare_t bare(uint8_t tag) {
    bare_t b;
    GARBAGE(b);
    b.tag = tag;
    return b;
}

static big_t B1(void) {
    static const int64_t numbers[] = {INT64_MIN, -1, 0, INT64_MAX};
    big_t b;
    GARBAGE(b);
    b.label = str("big one");
    b.numbers.len = 4;
    b.numbers.ptr = malloc(sizeof(numbers));
    memcpy(b.numbers.ptr, numbers, sizeof(numbers));
    b.sc = S_R();
    b.people.len = 2;
    b.people.ptr = malloc(2 * sizeof(person_t));
    b.people.ptr[0] = P3();
    b.people.ptr[1] = P1();
    b.m = mixed_w(-5);
    b.opt.is_some = true;
    b.opt.val.is_some = false;
    b.res.is_err = true;
    b.res.val.err.len = 1;
    b.res.val.err.ptr = malloc(sizeof(uint32_t));
    b.res.val.err.ptr[0] = 0xcafebabe;
    b.fl = (uint32_t) (T(F32S_C3) | T(F32S_C17));
    b.pair.f0 = 0.75f;
    b.pair.f1 = str("pair");
    b.colors.len = 3;
    b.colors.ptr = malloc(3);
    b.colors.ptr[0] = T(COLOR_RED);
    b.colors.ptr[1] = T(COLOR_MAGENTA);
    b.colors.ptr[2] = T(COLOR_RED);
    return b;
}

static big_t B2(void) {
    big_t b;
    GARBAGE(b);
    b.label = str("");
    b.numbers.len = 0;
    b.numbers.ptr = NULL;
    b.sc = S_A();
    b.people.len = 0;
    b.people.ptr = NULL;
    b.m = mixed_nothing();
    b.opt.is_some = false;
    b.res.is_err = false;
    b.res.val.ok.is_some = false;
    b.fl = 0;
    b.pair.f0 = -0.0f;
    b.pair.f1 = str("");
    b.colors.len = 0;
    b.colors.ptr = NULL;
    return b;
}

static root_rec_t root_rec(uint64_t id, const char *name, uint8_t bits, int32_t x, int32_t y) {
    root_rec_t r;
    GARBAGE(r);
    r.id = id;
    r.name = str(name);
    r.bits = bits;
    r.at = point(x, y);
    return r;
}

static root_rec_t REC1(void) { return root_rec(UINT64_MAX, "rec one", T(F8_H), 5, -6); }
static root_rec_t REC2(void) { return root_rec(0, "", 0, 0, 0); }
static root_rec_t REC3(void) { return root_rec(0x0123456789abcdefull, "rec three", 0xff, INT32_MIN, -1); }

// --- deep comparisons ------------------------------------------------------------------------

static void check_text(const uint8_t *ptr, size_t len, const char *want, int line, const char *what) {
    size_t n = strlen(want);
    check_eq(len, n, line, what);
    if (len == n) check_eq(memcmp(ptr, want, n) == 0, 1, line, what);
}

static void check_string(const string_t *got, const string_t *want, int line, const char *what) {
    check_eq(got->len, want->len, line, what);
    if (got->len == want->len) check_eq(memcmp(got->ptr, want->ptr, got->len) == 0, 1, line, what);
}

#define STR(got, want) check_text((got).ptr, (got).len, (want), __LINE__, #got)

static void check_strings(const string_t *got, size_t n, const char *const *want, size_t wn, int line) {
    check_eq(n, wn, line, "list<string> length");
    if (n != wn) return;
    for (size_t i = 0; i < n; i++) check_text(got[i].ptr, got[i].len, want[i], line, "list<string> item");
}

static void check_person(const person_t *got, const person_t *want, int line) {
    check_string(&got->name, &want->name, line, "person.name");
    check_eq(got->age, want->age, line, "person.age");
    check_eq(got->nick.is_some, want->nick.is_some, line, "person.nick.is-some");
    if (got->nick.is_some && want->nick.is_some) check_string(&got->nick.val, &want->nick.val, line, "person.nick");
    check_eq(got->tags.len, want->tags.len, line, "person.tags length");
    if (got->tags.len == want->tags.len) {
        for (size_t i = 0; i < got->tags.len; i++) check_string(&got->tags.ptr[i], &want->tags.ptr[i], line, "person.tags");
    }
    check_eq((uint32_t) got->home.x, (uint32_t) want->home.x, line, "person.home.x");
    check_eq((uint32_t) got->home.y, (uint32_t) want->home.y, line, "person.home.y");
    check_eq(f64_bits(got->score), f64_bits(want->score), line, "person.score");
}

static void check_people(const person_t *got, size_t n, const person_t *want, size_t wn, int line) {
    check_eq(n, wn, line, "list<person> length");
    if (n != wn) return;
    for (size_t i = 0; i < n; i++) check_person(&got[i], &want[i], line);
}

static void check_scalars(const scalars_t *got, const scalars_t *want, int line) {
    check_eq(got->flag, want->flag, line, "scalars.flag");
    check_eq((uint64_t) got->a, (uint64_t) want->a, line, "scalars.a");
    check_eq(got->b, want->b, line, "scalars.b");
    check_eq((uint64_t) got->c, (uint64_t) want->c, line, "scalars.c");
    check_eq(got->d, want->d, line, "scalars.d");
    check_eq((uint64_t) got->e, (uint64_t) want->e, line, "scalars.e");
    check_eq(got->f, want->f, line, "scalars.f");
    check_eq((uint64_t) got->g, (uint64_t) want->g, line, "scalars.g");
    check_eq(got->h, want->h, line, "scalars.h");
    check_eq(f32_bits(got->x), f32_bits(want->x), line, "scalars.x");
    check_eq(f64_bits(got->y), f64_bits(want->y), line, "scalars.y");
    check_eq(got->ch, want->ch, line, "scalars.ch");
}

static void check_num(const num_t *got, const num_t *want, int line) {
    check_eq(got->tag, want->tag, line, "num tag");
    if (got->tag != want->tag) return;
    if (want->tag == T(NUM_F)) check_eq(f32_bits(got->val.f), f32_bits(want->val.f), line, "num.f");
    else check_eq(got->val.big, want->val.big, line, "num.big");
}

static void check_small(const small_t *got, const small_t *want, int line) {
    check_eq(got->tag, want->tag, line, "small tag");
    if (got->tag != want->tag) return;
    if (want->tag == T(SMALL_F)) check_eq(f32_bits(got->val.f), f32_bits(want->val.f), line, "small.f");
    else check_eq(got->val.i, want->val.i, line, "small.i");
}

static void check_mixed(const mixed_t *got, const mixed_t *want, int line) {
    check_eq(got->tag, want->tag, line, "mixed tag");
    if (got->tag != want->tag) return;
    switch (want->tag) {
        case T(MIXED_D): check_eq(f64_bits(got->val.d), f64_bits(want->val.d), line, "mixed.d"); break;
        case T(MIXED_H): check_eq(f32_bits(got->val.h), f32_bits(want->val.h), line, "mixed.h"); break;
        case T(MIXED_I): check_eq(got->val.i, want->val.i, line, "mixed.i"); break;
        case T(MIXED_S): check_string(&got->val.s, &want->val.s, line, "mixed.s"); break;
        case T(MIXED_C): check_eq(got->val.c, want->val.c, line, "mixed.c"); break;
        case T(MIXED_N): check_eq((uint64_t) got->val.n, (uint64_t) want->val.n, line, "mixed.n"); break;
        case T(MIXED_W): check_eq((uint64_t) got->val.w, (uint64_t) want->val.w, line, "mixed.w"); break;
        case T(MIXED_P):
            check_eq((uint32_t) got->val.p.x, (uint32_t) want->val.p.x, line, "mixed.p.x");
            check_eq((uint32_t) got->val.p.y, (uint32_t) want->val.p.y, line, "mixed.p.y");
            break;
        default: break;
    }
}

static void check_option_option_u8(const all_option_option_u8_t *got, const all_option_option_u8_t *want, int line) {
    check_eq(got->is_some, want->is_some, line, "option<option<u8>> is-some");
    if (!got->is_some || !want->is_some) return;
    check_eq(got->val.is_some, want->val.is_some, line, "option<u8> is-some");
    if (got->val.is_some && want->val.is_some) check_eq(got->val.val, want->val.val, line, "option<u8>");
}

static void check_u32s(const uint32_t *got, size_t n, const uint32_t *want, size_t wn, int line) {
    check_eq(n, wn, line, "list<u32> length");
    if (n != wn) return;
    for (size_t i = 0; i < n; i++) check_eq(got[i], want[i], line, "list<u32> item");
}

static void check_nested_result(const test_types_types_result_option_string_list_u32_t *got,
                                const test_types_types_result_option_string_list_u32_t *want, int line) {
    check_eq(got->is_err, want->is_err, line, "result is-err");
    if (got->is_err != want->is_err) return;
    if (want->is_err) {
        check_u32s(got->val.err.ptr, got->val.err.len, want->val.err.ptr, want->val.err.len, line);
    } else {
        check_eq(got->val.ok.is_some, want->val.ok.is_some, line, "result ok is-some");
        if (got->val.ok.is_some && want->val.ok.is_some) check_string(&got->val.ok.val, &want->val.ok.val, line, "result ok");
    }
}

static void check_big(const big_t *got, const big_t *want, int line) {
    check_string(&got->label, &want->label, line, "big.label");
    check_eq(got->numbers.len, want->numbers.len, line, "big.numbers length");
    if (got->numbers.len == want->numbers.len) {
        for (size_t i = 0; i < got->numbers.len; i++) {
            check_eq((uint64_t) got->numbers.ptr[i], (uint64_t) want->numbers.ptr[i], line, "big.numbers");
        }
    }
    check_scalars(&got->sc, &want->sc, line);
    check_people(got->people.ptr, got->people.len, want->people.ptr, want->people.len, line);
    check_mixed(&got->m, &want->m, line);
    check_option_option_u8(&got->opt, &want->opt, line);
    check_nested_result(&got->res, &want->res, line);
    check_eq(got->fl, want->fl, line, "big.fl");
    check_eq(f32_bits(got->pair.f0), f32_bits(want->pair.f0), line, "big.pair.f0");
    check_string(&got->pair.f1, &want->pair.f1, line, "big.pair.f1");
    check_eq(got->colors.len, want->colors.len, line, "big.colors length");
    if (got->colors.len == want->colors.len) {
        for (size_t i = 0; i < got->colors.len; i++) check_eq(got->colors.ptr[i], want->colors.ptr[i], line, "big.colors");
    }
}

static void check_rec(const root_rec_t *got, const root_rec_t *want, int line) {
    check_eq(got->id, want->id, line, "root-rec.id");
    check_string(&got->name, &want->name, line, "root-rec.name");
    check_eq(got->bits, want->bits, line, "root-rec.bits");
    check_eq((uint32_t) got->at.x, (uint32_t) want->at.x, line, "root-rec.at.x");
    check_eq((uint32_t) got->at.y, (uint32_t) want->at.y, line, "root-rec.at.y");
}

// Compares `got` with a freshly built value, then frees the built value.
#define CHECK_PERSON(got, WANT) do { person_t w_ = WANT; check_person(&(got), &w_, __LINE__); test_types_types_person_free(&w_); } while (0)
#define CHECK_SCALARS(got, WANT) do { scalars_t w_ = WANT; check_scalars(&(got), &w_, __LINE__); } while (0)
#define CHECK_NUM(got, WANT) do { num_t w_ = WANT; check_num(&(got), &w_, __LINE__); } while (0)
#define CHECK_SMALL(got, WANT) do { small_t w_ = WANT; check_small(&(got), &w_, __LINE__); } while (0)
#define CHECK_MIXED(got, WANT) do { mixed_t w_ = WANT; check_mixed(&(got), &w_, __LINE__); test_types_types_mixed_free(&w_); } while (0)
#define CHECK_BIG(got, WANT) do { big_t w_ = WANT; check_big(&(got), &w_, __LINE__); test_types_types_big_free(&w_); } while (0)
#define CHECK_REC(got, WANT) do { root_rec_t w_ = WANT; check_rec(&(got), &w_, __LINE__); all_root_rec_free(&w_); } while (0)

// --- imports ---------------------------------------------------------------------------------

static void import_resources(void) {
    string_t label = str("alpha");
    ECHO(own_counter_t) c1 = ECHO(constructor_counter)(-5000000000ll, &label);  // host: rep C1
    all_string_free(&label);
    ECHO(borrow_counter_t) b1 = ECHO(borrow_counter)(c1);
    EQ(ECHO(method_counter_add)(b1, -7), -5000000007ll);
    all_tuple2_s64_string_t described;
    GARBAGE(described);
    ECHO(method_counter_describe)(b1, &described);
    EQ(described.f0, -5000000007ll);
    STR(described.f1, "alpha:β");
    all_tuple2_s64_string_free(&described);

    label = str("");
    ECHO(own_counter_t) c2 = ECHO(constructor_counter)(42, &label);  // host: rep C2
    all_string_free(&label);
    TRUE(c1.__handle != c2.__handle);
    ECHO(own_counter_t) c3 = ECHO(static_counter_merge)(b1, c2);  // host: gets c2, returns rep C3
    TRUE(c3.__handle != c1.__handle);
    EQ(ECHO(consume)(c3), 0x123456789ll);  // the host gets c3
    ECHO(counter_drop_own)(c1);  // host: drops C1
}

static void import_scalars(void) {
    EQ(ECHO(flip)(true), false);
    EQ(ECHO(flip)(false), true);
    EQ(ECHO(neg_s8)(-100), -128);
    EQ(ECHO(neg_s8)(127), -1);
    EQ(ECHO(neg_s16)(-32768), -12345);
    EQ(ECHO(neg_s64)(INT64_MIN), -2);
    EQ(ECHO(high_u16)(0xffff), 0xfedc);
    EQ_F32(ECHO(halve_f32)(-3.5f), f32_from(0x38000000));  // 2^-15
    EQ_F32(ECHO(halve_f32)(-0.0f), f32_from(0x7f800000));  // inf
    EQ_F64(ECHO(halve_f64)(1e300), -2.5e-300);
    EQ(ECHO(next_char)(0x3a9), 0x1f600);
    EQ(ECHO(next_char)(0x10ffff), 'A');

    scalars_t a = S_A(), got;
    GARBAGE(got);
    ECHO(scalar_record)(a.flag, a.a, a.b, a.c, a.d, a.e, a.f, a.g, a.h, a.x, a.y, a.ch, &got);
    CHECK_SCALARS(got, S_R());
}

static void import_flags(void) {
    EQ(ECHO(flags8)(T(F8_A) | T(F8_H)), T(F8_B) | T(F8_C) | T(F8_G));
    EQ(ECHO(flags16)(T(F16_B0) | T(F16_B15)), T(F16_B7) | T(F16_B8) | T(F16_B14));
    EQ(ECHO(flags32)((uint32_t) (T(F32S_C0) | T(F32S_C31))),
       (uint32_t) (T(F32S_C1) | T(F32S_C16) | T(F32S_C30) | T(F32S_C31)));
    test_types_echo_tuple3_f8_f16_f32s_t all;
    GARBAGE(all);
    ECHO(all_flags)(0, 0xffff, (uint32_t) T(F32S_C31), &all);
    EQ(all.f0, 0xff);
    EQ(all.f1, 0);
    EQ(all.f2, 0xffffffffu);
    EQ(ECHO(paint)(T(COLOR_MAGENTA)), T(COLOR_CYAN));
}

static void import_variants(void) {
    num_t na = num_f(-2.5f), nb = num_big(0xfedcba9876543210ull), n;
    GARBAGE(n);
    ECHO(nums)(&na, &nb, &n);
    CHECK_NUM(n, num_big(0x8000000000000001ull));
    na = num_big(1);
    nb = num_f(1.5f);
    GARBAGE(n);
    ECHO(nums)(&na, &nb, &n);
    CHECK_NUM(n, num_f(-7.25f));

    small_t sa = small_f(0.15625f), sb = small_i(0xffffffffu), s;
    GARBAGE(s);
    ECHO(smalls)(&sa, &sb, &s);
    CHECK_SMALL(s, small_f(f32_from(0xba83126f)));
    sa = small_i(0x7f800000);
    sb = small_f(-0.0f);
    GARBAGE(s);
    ECHO(smalls)(&sa, &sb, &s);
    CHECK_SMALL(s, small_i(0x80000000u));

    mixed_t ma, mb, mc, m;
    // 1: d, s, n -> p
    ma = mixed_d(-1.0e300);
    mb = mixed_s("héllo");
    mc = mixed_n(-128);
    GARBAGE(m);
    ECHO(mixeds)(&ma, &mb, &mc, &m);
    CHECK_MIXED(m, mixed_p(-1, INT32_MAX));
    test_types_types_mixed_free(&mb);
    // 2: h, c, w -> s
    ma = mixed_h(3.75f);
    mb = mixed_c(0x1f389);
    mc = mixed_w(INT64_MIN);
    GARBAGE(m);
    ECHO(mixeds)(&ma, &mb, &mc, &m);
    CHECK_MIXED(m, mixed_s("wörld ✓"));
    test_types_types_mixed_free(&m);
    // 3: i, nothing, p -> d
    ma = mixed_i(0xdeadbeefu);
    mb = mixed_nothing();
    mc = mixed_p(-7, 8);
    GARBAGE(m);
    ECHO(mixeds)(&ma, &mb, &mc, &m);
    CHECK_MIXED(m, mixed_d(6.02214076e23));
    // 4: c, n, h -> h
    ma = mixed_c(0x10ffff);
    mb = mixed_n(-1);
    mc = mixed_h(-0.0f);
    GARBAGE(m);
    ECHO(mixeds)(&ma, &mb, &mc, &m);
    CHECK_MIXED(m, mixed_h(f32_from(0xff800000)));  // -inf
    // 5: w, s(""), i -> nothing
    ma = mixed_w(1);
    mb = mixed_s("");
    mc = mixed_i(0);
    GARBAGE(m);
    ECHO(mixeds)(&ma, &mb, &mc, &m);
    CHECK_MIXED(m, mixed_nothing());
    test_types_types_mixed_free(&mb);

    bare_t b = bare(T(BARE_SECOND)), r;
    GARBAGE(r);
    ECHO(bares)(&b, &r);
    EQ(r.tag, T(BARE_THIRD));
    b = bare(T(BARE_THIRD));
    GARBAGE(r);
    ECHO(bares)(&b, &r);
    EQ(r.tag, T(BARE_FIRST));
}

static void import_lists(void) {
    const char *sent[] = {"", "a", "ünïcödé", long_text()};
    static const char *const back[] = {"x", "", "🎉🎉"};
    all_list_string_t list = strs(4, sent), got;
    GARBAGE(got);
    ECHO(strings)(&list, &got);
    check_strings(got.ptr, got.len, back, 3, __LINE__);
    all_list_string_free(&got);
    all_list_string_free(&list);
    list = strs(0, NULL);
    GARBAGE(got);
    ECHO(strings)(&list, &got);
    EQ(got.len, 0);
    all_list_string_free(&got);

    person_t people[2] = {P1(), P2()};
    test_types_echo_list_person_t sent_people = {people, 2}, got_people;
    GARBAGE(got_people);
    ECHO(people)(&sent_people, &got_people);
    EQ(got_people.len, 1);
    if (got_people.len == 1) CHECK_PERSON(got_people.ptr[0], P3());
    test_types_echo_list_person_free(&got_people);
    test_types_types_person_free(&people[0]);
    test_types_types_person_free(&people[1]);
    people[0] = P3();
    sent_people.len = 1;
    GARBAGE(got_people);
    ECHO(people)(&sent_people, &got_people);
    EQ(got_people.len, 0);
    test_types_echo_list_person_free(&got_people);
    test_types_types_person_free(&people[0]);
}

static void import_options_results(void) {
    // nested-option: some(some(0xab)) -> some(none); some(none) -> none; none -> some(some(0)).
    all_option_u8_t x, r;
    x.is_some = true;
    x.val = 0xab;
    GARBAGE(r);
    TRUE(ECHO(nested_option)(&x, &r));
    EQ(r.is_some, false);
    GARBAGE(x);
    x.is_some = false;
    TRUE(!ECHO(nested_option)(&x, &r));
    GARBAGE(r);
    TRUE(ECHO(nested_option)(NULL, &r));
    EQ(r.is_some, true);
    EQ(r.val, 0);

    // nested-result: ok(some("ok-str")) -> err([1, 0xffffffff, 7]); ok(none) -> ok(some("ü"));
    // err([]) -> ok(none); err([5, 6]) -> err([]).
    test_types_types_result_option_string_list_u32_t arg;
    all_option_string_t ok;
    all_list_u32_t err;
    GARBAGE(arg);
    arg.is_err = false;
    arg.val.ok.is_some = true;
    all_string_set(&arg.val.ok.val, "ok-str");
    GARBAGE(err);
    TRUE(!ECHO(nested_result)(&arg, &ok, &err));
    static const uint32_t err1[] = {1, 0xffffffffu, 7};
    check_u32s(err.ptr, err.len, err1, 3, __LINE__);
    all_list_u32_free(&err);
    GARBAGE(arg);
    arg.is_err = false;
    arg.val.ok.is_some = false;
    GARBAGE(ok);
    TRUE(ECHO(nested_result)(&arg, &ok, &err));
    EQ(ok.is_some, true);
    if (ok.is_some) STR(ok.val, "ü");
    all_option_string_free(&ok);
    GARBAGE(arg);
    arg.is_err = true;
    arg.val.err.len = 0;
    arg.val.err.ptr = NULL;
    GARBAGE(ok);
    TRUE(ECHO(nested_result)(&arg, &ok, &err));
    EQ(ok.is_some, false);
    uint32_t five_six[] = {5, 6};
    GARBAGE(arg);
    arg.is_err = true;
    arg.val.err.len = 2;
    arg.val.err.ptr = five_six;
    GARBAGE(err);
    TRUE(!ECHO(nested_result)(&arg, &ok, &err));
    EQ(err.len, 0);
    all_list_u32_free(&err);

    // tuples: (0xfe, "tuple ✓", -1.25), ('€', (-32768, true)) -> (f32 0x00000001, u64 max, "").
    all_tuple3_u8_string_f64_t t1;
    all_tuple2_char32_tuple2_s16_bool_t t2;
    all_tuple3_f32_u64_string_t t3;
    GARBAGE(t1);
    GARBAGE(t2);
    GARBAGE(t3);
    t1.f0 = 0xfe;
    all_string_set(&t1.f1, "tuple ✓");
    t1.f2 = -1.25;
    t2.f0 = 0x20ac;
    t2.f1.f0 = -32768;
    t2.f1.f1 = true;
    ECHO(tuples)(&t1, &t2, &t3);
    EQ_F32(t3.f0, f32_from(1));
    EQ(t3.f1, UINT64_MAX);
    STR(t3.f2, "");
    all_tuple3_f32_u64_string_free(&t3);

    // unit-result: (ok, false) -> err; (err, true) -> ok.
    test_types_echo_result_void_void_t unit;
    GARBAGE(unit);
    unit.is_err = false;
    TRUE(!ECHO(unit_result)(&unit, false));
    unit.is_err = true;
    TRUE(ECHO(unit_result)(&unit, true));

    // options: (some(0), some(""), some(-0.5)) -> some(-1e-310); (none, none, none) -> none;
    // (some(0xffffffff), none, some(inf)) -> some(0.0).
    uint32_t oa = 0;
    string_t ob;
    all_string_set(&ob, "");
    float oc = -0.5f;
    double od;
    GARBAGE(od);
    TRUE(ECHO(options)(&oa, &ob, &oc, &od));
    EQ_F64(od, -1e-310);
    TRUE(!ECHO(options)(NULL, NULL, NULL, &od));
    oa = 0xffffffffu;
    oc = f32_from(0x7f800000);
    GARBAGE(od);
    TRUE(ECHO(options)(&oa, NULL, &oc, &od));
    EQ_F64(od, 0.0);
}

static void import_many(void) {
    // many (in memory): -> B1; then all-zero-ish values -> B2.
    string_t c = str("many ✓");
    all_list_u8_t g;
    g.len = 70;
    g.ptr = malloc(70);
    for (size_t i = 0; i < 70; i++) g.ptr[i] = (uint8_t) (i * 7 + 0x11);
    uint32_t h = 0x13579bdf;
    point_t k = point(-3, 4);
    num_t l = num_big(7);
    mixed_t p = mixed_s("tail");
    big_t got;
    GARBAGE(got);
    ECHO(many)(0xfe, -2, &c, -6.5f, 1e-300, 0xf0e1d2c3b4a59687ull, &g, &h, true, 0x1d11e, &k, &l, 0x8421,
               INT64_MIN + 1, T(COLOR_BLUE), &p, &got);
    CHECK_BIG(got, B1());
    test_types_types_big_free(&got);
    all_string_free(&c);
    all_list_u8_free(&g);
    test_types_types_mixed_free(&p);

    c = str("");
    g.len = 0;
    g.ptr = NULL;
    k = point(0, 0);
    l = num_f(-0.0f);
    p = mixed_nothing();
    GARBAGE(got);
    ECHO(many)(0, 32767, &c, f32_from(0x7f800000), -0.0, 0, &g, NULL, false, 0, &k, &l, 0, INT64_MAX,
               T(COLOR_RED), &p, &got);
    CHECK_BIG(got, B2());
    test_types_types_big_free(&got);

    GARBAGE(got);
    ECHO(make_big)(7, &got);
    CHECK_BIG(got, B2());
    test_types_types_big_free(&got);
    GARBAGE(got);
    ECHO(make_big)(0xffffffffu, &got);
    CHECK_BIG(got, B1());
    test_types_types_big_free(&got);
}

static void import_root(void) {
    // root-echo("root ✓", -42, {c, d}) -> ("echoed", s64 max, {a}).
    string_t s = str("root ✓");
    all_tuple3_string_s64_f8_t echoed;
    GARBAGE(echoed);
    all_root_echo(&s, -42, T(F8_C) | T(F8_D), &echoed);
    STR(echoed.f0, "echoed");
    EQ(echoed.f1, INT64_MAX);
    EQ(echoed.f2, T(F8_A));
    all_tuple3_string_s64_f8_free(&echoed);
    all_string_free(&s);

    // root-record(REC1, some(REC2)) -> REC3; (REC2, none) -> REC1.
    root_rec_t r1 = REC1(), r2 = REC2(), got;
    GARBAGE(got);
    all_root_record(&r1, &r2, &got);
    CHECK_REC(got, REC3());
    all_root_rec_free(&got);
    GARBAGE(got);
    all_root_record(&r2, NULL, &got);
    CHECK_REC(got, REC1());
    all_root_rec_free(&got);
    all_root_rec_free(&r1);
    all_root_rec_free(&r2);

    // root-sum(f(-1.0)) -> u64 max; (big(1 << 63)) -> 0.
    num_t n = num_f(-1.0f);
    EQ(all_root_sum(&n), UINT64_MAX);
    n = num_big(0x8000000000000000ull);
    EQ(all_root_sum(&n), 0);
}

// --- exports ---------------------------------------------------------------------------------
// Each export checks its arguments by call number (host.py: EXPORT_CALLS, in order), frees
// them (the callee owns its arguments) and returns what host.py expects.

struct exports_test_types_echo_counter_t {
    int64_t value;
    string_t label;
};

static int64_t destroyed[8];
static size_t destroyed_count;

EXPORT(own_counter_t) EXPORT(constructor_counter)(int64_t start, string_t *label) {
    static int call;
    switch (call++) {
        case 0: EQ(start, 123456789012ll); STR(*label, "gamma"); break;
        case 1: EQ(start, -1); STR(*label, "delta"); break;
        default: fail(__LINE__, "unexpected call of the constructor");
    }
    EXPORT(counter_t) *rep = malloc(sizeof(EXPORT(counter_t)));
    rep->value = start;
    rep->label = *label;  // takes the argument's bytes
    return EXPORT(counter_new)(rep);
}

int64_t EXPORT(method_counter_add)(EXPORT(borrow_counter_t) self, int32_t delta) {
    EQ(delta, 1000);
    self->value += delta;
    return self->value;
}

void EXPORT(method_counter_describe)(EXPORT(borrow_counter_t) self, all_tuple2_s64_string_t *ret) {
    ret->f0 = self->value;
    all_string_dup_n(&ret->f1, (const char *) self->label.ptr, self->label.len);
}

EXPORT(own_counter_t) EXPORT(static_counter_merge)(EXPORT(borrow_counter_t) a, EXPORT(own_counter_t) owned_b) {
    EXPORT(counter_t) *b = EXPORT(counter_rep)(owned_b);
    EQ(a->value, 123456790012ll);
    EQ(b->value, -1);
    EXPORT(counter_t) *rep = malloc(sizeof(EXPORT(counter_t)));
    rep->value = a->value + b->value;
    rep->label.len = a->label.len + 1 + b->label.len;
    rep->label.ptr = malloc(rep->label.len);
    memcpy(rep->label.ptr, a->label.ptr, a->label.len);
    rep->label.ptr[a->label.len] = '+';
    memcpy(rep->label.ptr + a->label.len + 1, b->label.ptr, b->label.len);
    EXPORT(counter_drop_own)(owned_b);  // the destructor runs now
    EQ(destroyed_count, 1);
    return EXPORT(counter_new)(rep);
}

int64_t EXPORT(consume)(EXPORT(own_counter_t) c) {
    EXPORT(counter_t) *rep = EXPORT(counter_rep)(c);
    int64_t value = rep->value;
    STR(rep->label, "gamma+delta");
    EXPORT(counter_drop_own)(c);  // the destructor runs now
    EQ(destroyed_count, 2);
    return value;
}

void EXPORT(counter_destructor)(EXPORT(counter_t) *rep) {
    if (destroyed_count < 8) destroyed[destroyed_count] = rep->value;
    destroyed_count++;
    all_string_free(&rep->label);
    free(rep);
}

bool EXPORT(flip)(bool x) {
    EQ(x, false);
    return true;
}

int8_t EXPORT(neg_s8)(int8_t x) {
    EQ(x, -1);
    return -100;
}

int16_t EXPORT(neg_s16)(int16_t x) {
    EQ(x, -12345);
    return -32768;
}

int64_t EXPORT(neg_s64)(int64_t x) {
    EQ(x, -2);
    return INT64_MIN;
}

uint16_t EXPORT(high_u16)(uint16_t x) {
    EQ(x, 0xfedc);
    return 0xffff;
}

float EXPORT(halve_f32)(float x) {
    static int call;
    switch (call++) {
        case 0: EQ_F32(x, f32_from(0x38000000)); return -3.5f;
        case 1: EQ_F32(x, f32_from(0x7f800000)); return -0.0f;
        default: fail(__LINE__, "unexpected call of halve-f32"); return 0;
    }
}

double EXPORT(halve_f64)(double x) {
    EQ_F64(x, -2.5e-300);
    return 1e300;
}

uint32_t EXPORT(next_char)(uint32_t c) {
    EQ(c, 0x1f600);
    return 0x3a9;
}

void EXPORT(scalar_record)(bool flag, int8_t a, uint8_t b, int16_t c, uint16_t d, int32_t e, uint32_t f, int64_t g,
                           uint64_t h, float x, double y, uint32_t ch, EXPORT(scalars_t) *ret) {
    scalars_t got = scalars(flag, a, b, c, d, e, f, g, h, x, y, ch);
    CHECK_SCALARS(got, S_R());
    *ret = S_A();
}

EXPORT(f8_t) EXPORT(flags8)(EXPORT(f8_t) x) {
    EQ(x, 0x46);
    return T(F8_A) | T(F8_H);
}

EXPORT(f16_t) EXPORT(flags16)(EXPORT(f16_t) x) {
    EQ(x, 0x4180);
    return T(F16_B0) | T(F16_B15);
}

EXPORT(f32s_t) EXPORT(flags32)(EXPORT(f32s_t) x) {
    EQ(x, 0xc0010002u);
    return (uint32_t) (T(F32S_C0) | T(F32S_C31));
}

void EXPORT(all_flags)(EXPORT(f8_t) a, EXPORT(f16_t) b, EXPORT(f32s_t) c, EXPORT(tuple3_f8_f16_f32s_t) *ret) {
    EQ(a, 0xff);
    EQ(b, 0);
    EQ(c, 0xffffffffu);
    ret->f0 = 0;
    ret->f1 = 0xffff;
    ret->f2 = 0x80000000u;
}

EXPORT(color_t) EXPORT(paint)(EXPORT(color_t) c) {
    EQ(c, T(COLOR_CYAN));
    return T(COLOR_MAGENTA);
}

void EXPORT(nums)(EXPORT(num_t) *a, EXPORT(num_t) *b, EXPORT(num_t) *ret) {
    CHECK_NUM(*a, num_big(0x8000000000000001ull));
    CHECK_NUM(*b, num_f(-7.25f));
    *ret = num_f(-2.5f);
}

void EXPORT(smalls)(EXPORT(small_t) *a, EXPORT(small_t) *b, EXPORT(small_t) *ret) {
    CHECK_SMALL(*a, small_i(0x80000000u));
    CHECK_SMALL(*b, small_f(f32_from(0xba83126f)));
    *ret = small_i(0xffffffffu);
}

void EXPORT(mixeds)(EXPORT(mixed_t) *a, EXPORT(mixed_t) *b, EXPORT(mixed_t) *c, EXPORT(mixed_t) *ret) {
    static int call;
    switch (call++) {
        case 0:
            CHECK_MIXED(*a, mixed_p(-1, INT32_MAX));
            CHECK_MIXED(*b, mixed_s("wörld ✓"));
            CHECK_MIXED(*c, mixed_d(6.02214076e23));
            *ret = mixed_n(-128);
            break;
        case 1:
            CHECK_MIXED(*a, mixed_nothing());
            CHECK_MIXED(*b, mixed_h(-0.5f));
            CHECK_MIXED(*c, mixed_c(0x1f389));
            *ret = mixed_s("héllo");
            break;
        case 2:
            CHECK_MIXED(*a, mixed_w(INT64_MIN));
            CHECK_MIXED(*b, mixed_i(0xdeadbeefu));
            CHECK_MIXED(*c, mixed_n(-1));
            *ret = mixed_p(-7, 8);
            break;
        default:
            fail(__LINE__, "unexpected call of mixeds");
            *ret = mixed_nothing();
    }
    test_types_types_mixed_free(a);
    test_types_types_mixed_free(b);
    test_types_types_mixed_free(c);
}

void EXPORT(bares)(EXPORT(bare_t) *x, EXPORT(bare_t) *ret) {
    EQ(x->tag, T(BARE_THIRD));
    *ret = bare(T(BARE_FIRST));
}

void EXPORT(strings)(all_list_string_t *x, all_list_string_t *ret) {
    static int call;
    static const char *const first[] = {"x", "", "🎉🎉"};
    switch (call++) {
        case 0: {
            check_strings(x->ptr, x->len, first, 3, __LINE__);
            const char *back[] = {"", "a", "ünïcödé", long_text()};
            *ret = strs(4, back);
            break;
        }
        case 1:
            EQ(x->len, 0);
            *ret = strs(0, NULL);
            break;
        default:
            fail(__LINE__, "unexpected call of strings");
            *ret = strs(0, NULL);
    }
    all_list_string_free(x);
}

void EXPORT(people)(EXPORT(list_person_t) *x, EXPORT(list_person_t) *ret) {
    EQ(x->len, 1);
    if (x->len == 1) CHECK_PERSON(x->ptr[0], P3());
    EXPORT(list_person_free)(x);
    ret->len = 2;
    ret->ptr = malloc(2 * sizeof(person_t));
    ret->ptr[0] = P1();
    ret->ptr[1] = P2();
}

bool EXPORT(nested_option)(all_option_u8_t *maybe_x, all_option_u8_t *ret) {
    static int call;
    switch (call++) {
        case 0:  // some(none) -> some(some(0xab))
            TRUE(maybe_x != NULL && !maybe_x->is_some);
            ret->is_some = true;
            ret->val = 0xab;
            return true;
        case 1:  // none -> none
            TRUE(maybe_x == NULL);
            return false;
        case 2:  // some(some(0)) -> some(none)
            TRUE(maybe_x != NULL && maybe_x->is_some && maybe_x->val == 0);
            ret->is_some = false;
            return true;
        default: fail(__LINE__, "unexpected call of nested-option"); return false;
    }
}

bool EXPORT(nested_result)(test_types_types_result_option_string_list_u32_t *x, all_option_string_t *ret,
                           all_list_u32_t *err) {
    static int call;
    bool ok = true;
    switch (call++) {
        case 0: {  // err([1, 0xffffffff, 7]) -> ok(some("ok-str"))
            static const uint32_t want[] = {1, 0xffffffffu, 7};
            EQ(x->is_err, true);
            if (x->is_err) check_u32s(x->val.err.ptr, x->val.err.len, want, 3, __LINE__);
            ret->is_some = true;
            ret->val = str("ok-str");
            break;
        }
        case 1:  // ok(some("ü")) -> err([])
            EQ(x->is_err, false);
            TRUE(!x->is_err && x->val.ok.is_some);
            if (!x->is_err && x->val.ok.is_some) STR(x->val.ok.val, "ü");
            err->len = 0;
            err->ptr = NULL;
            ok = false;
            break;
        case 2:  // ok(none) -> err([5, 6])
            TRUE(!x->is_err && !x->val.ok.is_some);
            err->len = 2;
            err->ptr = malloc(2 * sizeof(uint32_t));
            err->ptr[0] = 5;
            err->ptr[1] = 6;
            ok = false;
            break;
        default: fail(__LINE__, "unexpected call of nested-result"); ok = false; err->len = 0;
    }
    test_types_types_result_option_string_list_u32_free(x);
    return ok;
}

void EXPORT(tuples)(all_tuple3_u8_string_f64_t *x, all_tuple2_char32_tuple2_s16_bool_t *y, all_tuple3_f32_u64_string_t *ret) {
    EQ(x->f0, 1);
    STR(x->f1, "");
    EQ_F64(x->f2, 1e-300);
    EQ(y->f0, 0);
    EQ(y->f1.f0, 32767);
    EQ(y->f1.f1, false);
    all_tuple3_u8_string_f64_free(x);
    ret->f0 = -0.0f;
    ret->f1 = 0;
    ret->f2 = str("tuple ret");
}

bool EXPORT(unit_result)(EXPORT(result_void_void_t) *x, bool fail_) {
    static int call;
    switch (call++) {
        case 0: EQ(x->is_err, true); EQ(fail_, false); return true;
        case 1: EQ(x->is_err, false); EQ(fail_, true); return false;
        default: fail(__LINE__, "unexpected call of unit-result"); return false;
    }
}

bool EXPORT(options)(uint32_t *maybe_a, string_t *maybe_b, float *maybe_c, double *ret) {
    static int call;
    switch (call++) {
        case 0:  // (none, some("opt"), none) -> some(2.5)
            TRUE(maybe_a == NULL && maybe_c == NULL);
            TRUE(maybe_b != NULL);
            if (maybe_b) {
                STR(*maybe_b, "opt");
                all_string_free(maybe_b);
            }
            *ret = 2.5;
            return true;
        case 1:  // (some(7), none, some(1.5)) -> none
            TRUE(maybe_a != NULL && maybe_b == NULL && maybe_c != NULL);
            if (maybe_a) EQ(*maybe_a, 7);
            if (maybe_c) EQ_F32(*maybe_c, 1.5f);
            return false;
        default: fail(__LINE__, "unexpected call of options"); return false;
    }
}

void EXPORT(many)(uint8_t a, int16_t b, string_t *c, float d, double e, uint64_t f, all_list_u8_t *g, uint32_t *maybe_h,
                  bool i, uint32_t j, EXPORT(point_t) *k, EXPORT(num_t) *l, EXPORT(f16_t) m, int64_t n,
                  EXPORT(color_t) o, EXPORT(mixed_t) *p, EXPORT(big_t) *ret) {
    EQ(a, 0x7f);
    EQ(b, -32768);
    STR(*c, "export many");
    EQ_F32(d, 1.25f);
    EQ_F64(e, -1e10);
    EQ(f, 1);
    EQ(g->len, 5);
    if (g->len == 5) {
        for (size_t index = 0; index < 5; index++) EQ(g->ptr[index], (uint8_t) (index * 7 + 0x33));
    }
    TRUE(maybe_h == NULL);
    EQ(i, false);
    EQ(j, 0xdf);
    EQ(k->x, INT32_MAX);
    EQ(k->y, INT32_MIN);
    CHECK_NUM(*l, num_f(0.5f));
    EQ(m, 0x1234);
    EQ(n, -1);
    EQ(o, T(COLOR_GREEN));
    CHECK_MIXED(*p, mixed_h(-9.75f));
    all_string_free(c);
    all_list_u8_free(g);
    test_types_types_mixed_free(p);
    *ret = B1();
}

void EXPORT(make_big)(uint32_t seed, EXPORT(big_t) *ret) {
    EQ(seed, 0xffffffffu);
    *ret = B2();
}

bool all_root_mixed(all_list_string_t *a, all_option_u8_t *maybe_b, all_mixed_t *c, all_root_rec_t *d,
                    all_tuple2_string_f32_t *ret, all_color_t *err) {
    static int call;
    bool ok = true;
    switch (call++) {
        case 0: {  // (["r1", "r2 ✓"], some(some(9)), c(U+10FFFF), REC3) -> ok(("mixed ok", -0.125))
            static const char *const want[] = {"r1", "r2 ✓"};
            check_strings(a->ptr, a->len, want, 2, __LINE__);
            TRUE(maybe_b != NULL && maybe_b->is_some && maybe_b->val == 9);
            CHECK_MIXED(*c, mixed_c(0x10ffff));
            CHECK_REC(*d, REC3());
            ret->f0 = str("mixed ok");
            ret->f1 = -0.125f;
            break;
        }
        case 1:  // ([], none, nothing, REC2) -> err(blue)
            EQ(a->len, 0);
            TRUE(maybe_b == NULL);
            CHECK_MIXED(*c, mixed_nothing());
            CHECK_REC(*d, REC2());
            *err = T(COLOR_BLUE);
            ok = false;
            break;
        default: fail(__LINE__, "unexpected call of root-mixed"); *err = 0; ok = false;
    }
    all_list_string_free(a);
    all_mixed_free(c);
    all_root_rec_free(d);
    return ok;
}

void all_root_many(all_root_rec_t *a, all_root_rec_t *b, all_num_t *c, all_f16_t d, all_color_t e, all_list_point_t *f,
                   double g, bool h, all_big_t *ret) {
    CHECK_REC(*a, REC1());
    CHECK_REC(*b, REC3());
    CHECK_NUM(*c, num_big(42));
    EQ(d, 0x00ff);
    EQ(e, T(COLOR_CYAN));
    EQ(f->len, 2);
    if (f->len == 2) {
        EQ(f->ptr[0].x, 1);
        EQ(f->ptr[0].y, 2);
        EQ(f->ptr[1].x, -3);
        EQ(f->ptr[1].y, -4);
    }
    EQ_F64(g, -0.0);
    EQ(h, true);
    all_root_rec_free(a);
    all_root_rec_free(b);
    all_list_point_free(f);
    *ret = B1();
}

all_f16_t all_root_flags(all_f8_t x, all_f16_t y) {
    EQ(x, T(F8_A) | T(F8_H));
    EQ(y, T(F16_B1) | T(F16_B2));
    return T(F16_B15);
}

// --- run and report --------------------------------------------------------------------------

static int64_t baseline_blocks;

// "ok N checks", or the first failure; then starts a new count.
static void summary(string_t *ret) {
    if (!failure_len) {
        put("ok ");
        put_u64(checks);
        put(" checks");
    }
    failure[failure_len] = 0;
    all_string_dup(ret, failure);  // freed by the post-return function
    checks = 0;
    failure_len = 0;
}

void all_run(string_t *ret) {
    baseline_blocks = live_blocks;
    checks = 0;
    failure_len = 0;
    import_resources();
    import_scalars();
    import_flags();
    import_variants();
    import_lists();
    import_options_results();
    import_many();
    import_root();
    // Everything the imports returned, and every argument built for them, is freed.
    check_eq((uint64_t) (live_blocks - baseline_blocks), 0, __LINE__, "blocks left allocated by the imports");
    summary(ret);
}

void all_report(string_t *ret) {
    // The host has called every export and dropped the counter it kept: the destructor ran for
    // "delta" (in merge), the merged counter (in consume), then "gamma".
    EQ(destroyed_count, 3);
    EQ(destroyed[0], -1);
    EQ(destroyed[1], 123456790011ll);
    EQ(destroyed[2], 123456790012ll);
    // Every argument the host passed was freed by the exports, every result by the post-return
    // functions (run's result too).
    check_eq((uint64_t) (live_blocks - baseline_blocks), 0, __LINE__, "blocks left allocated by the exports");
    summary(ret);
}
