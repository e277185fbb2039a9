/* Reads the --dump JSON of the real program back with cJSON, recomputes the
 * forward pass (and the influence of C) from the dumped weights with an
 * independent implementation of DESIGN.md's formulas, and compares it with
 * the dumped trace; recomputes training.loss[epoch] from the dumped data;
 * checks that dumps of the three variants at one context mode show the same
 * shared encoder, at the last epoch and at epoch 0; and that --epoch N of
 * no snapshot is a usage error listing the snapshots. Run for the three
 * variants and all context modes.
 *
 *   test_dump PROGRAM */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cjson/cJSON.h>

#include "check.h"

#define MAXN 64

typedef struct {
    int rows, cols;
    double v[MAXN][MAXN];
} Mat;

/* Output of cmd (stdout, and stderr too when the command says 2>&1), and
 * its exit status in *status. */
static char *run_status(const char *cmd, int *status)
{
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (cap - len < 2) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    buf[len] = '\0';
    int st = pclose(p);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return buf;
}

/* Output of cmd, or NULL when it fails. */
static char *run(const char *cmd)
{
    int status;
    char *out = run_status(cmd, &status);
    if (out && status != 0) {
        free(out);
        return NULL;
    }
    return out;
}

static cJSON *get(const cJSON *o, const char *key)
{
    cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!it)
        fprintf(stderr, "missing key '%s'\n", key);
    return it;
}

/* A matrix (list of rows) or a vector (list) as a column. */
static void load(const cJSON *item, Mat *m)
{
    memset(m, 0, sizeof *m);
    if (!item)
        return;
    m->rows = cJSON_GetArraySize(item);
    for (int r = 0; r < m->rows && r < MAXN; r++) {
        const cJSON *row = cJSON_GetArrayItem(item, r);
        if (cJSON_IsArray(row)) {
            m->cols = cJSON_GetArraySize(row);
            for (int c = 0; c < m->cols && c < MAXN; c++)
                m->v[r][c] = cJSON_GetArrayItem(row, c)->valuedouble;
        } else {
            m->cols = 1;
            m->v[r][0] = row->valuedouble;
        }
    }
}

static void vec(const cJSON *item, double *out, int n)
{
    for (int i = 0; i < n; i++)
        out[i] = cJSON_GetArrayItem(item, i)->valuedouble;
}

/* out += M x  (rows of M dotted with x). */
static void matvec_add(const Mat *m, const double *x, double *out)
{
    for (int r = 0; r < m->rows; r++)
        for (int c = 0; c < m->cols; c++)
            out[r] += m->v[r][c] * x[c];
}

static int index_of(const cJSON *list, const char *token)
{
    int n = cJSON_GetArraySize(list);
    for (int i = 0; i < n; i++)
        if (strcmp(cJSON_GetArrayItem(list, i)->valuestring, token) == 0)
            return i;
    return -1;
}

typedef struct {
    int H, d, Vt, Vo;
    bool every;  /* V, Oe, Oc: every and attention */
    bool attend; /* Wa, Ua, ba, va: attention */
    int A;
    const char *context;
    Mat Es, We, Ue, be, Q, q, Et, Wd, Ud, bd, Vd, Oe, Oc, Wo, bo;
    Mat Wa, Ua, ba, va;
} Weights;

/* Reads "weights" of a dump into w (static size: MAXN). */
static void load_weights(const cJSON *root, const char *variant,
                         const char *context, Weights *w)
{
    w->H = get(get(root, "dims"), "hidden")->valueint;
    w->d = get(get(root, "dims"), "embed")->valueint;
    w->Vt = cJSON_GetArraySize(get(get(root, "vocab"), "target"));
    w->Vo = cJSON_GetArraySize(get(get(root, "vocab"), "output"));
    w->attend = strcmp(variant, "attention") == 0;
    w->every = strcmp(variant, "every") == 0 || w->attend;
    const cJSON *A = cJSON_GetObjectItemCaseSensitive(get(root, "dims"),
                                                      "attention");
    CHECK((A != NULL) == w->attend); /* dims.attention: attention only */
    w->A = A ? A->valueint : 0;
    w->context = context;
    const cJSON *wt = get(root, "weights");
    const cJSON *enc = get(wt, "encoder"), *dec = get(wt, "decoder");
    const cJSON *ctxw = cJSON_GetObjectItemCaseSensitive(wt, "context");
    CHECK((ctxw != NULL) == (strcmp(context, "last-transform") == 0));
    CHECK((cJSON_GetObjectItemCaseSensitive(dec, "V") != NULL) == w->every);
    CHECK((cJSON_GetObjectItemCaseSensitive(dec, "Oe") != NULL) == w->every);
    CHECK((cJSON_GetObjectItemCaseSensitive(dec, "Oc") != NULL) == w->every);
    load(get(enc, "E"), &w->Es);
    load(get(enc, "W"), &w->We);
    load(get(enc, "U"), &w->Ue);
    load(get(enc, "b"), &w->be);
    if (ctxw) {
        load(get(ctxw, "Q"), &w->Q);
        load(get(ctxw, "q"), &w->q);
    }
    load(get(dec, "E"), &w->Et);
    load(get(dec, "W"), &w->Wd);
    load(get(dec, "U"), &w->Ud);
    load(get(dec, "b"), &w->bd);
    if (w->every) {
        load(get(dec, "V"), &w->Vd);
        load(get(dec, "Oe"), &w->Oe);
        load(get(dec, "Oc"), &w->Oc);
        CHECK(w->Oe.rows == w->Vo && w->Oc.rows == w->Vo);
    }
    CHECK((cJSON_GetObjectItemCaseSensitive(dec, "Wa") != NULL) == w->attend);
    CHECK((cJSON_GetObjectItemCaseSensitive(dec, "va") != NULL) == w->attend);
    if (w->attend) {
        load(get(dec, "Wa"), &w->Wa);
        load(get(dec, "Ua"), &w->Ua);
        load(get(dec, "ba"), &w->ba);
        load(get(dec, "va"), &w->va);
        CHECK(w->Wa.rows == w->A && w->Wa.cols == w->H &&
              w->Ua.rows == w->A && w->Ua.cols == w->H &&
              w->ba.rows == w->A && w->va.rows == w->A);
    }
    load(get(dec, "Wo"), &w->Wo);
    load(get(dec, "bo"), &w->bo);
    int H = w->H, d = w->d;
    CHECK(w->We.rows == H && w->We.cols == d && w->Ue.rows == H &&
          w->Ue.cols == H);
    /* E_tgt has a row for <go>; the output layer has none */
    CHECK(w->Et.rows == w->Vt && w->Vo == w->Vt - 1);
    CHECK(w->Wo.rows == w->Vo && w->Wo.cols == H && w->bo.rows == w->Vo);
}

/* Encoder states h_1..h_T of source ids and C, by DESIGN.md. */
static void encode(const Weights *w, const int *src, int T,
                   double h[MAXN][MAXN], double *C)
{
    int H = w->H;
    memset(h[0], 0, sizeof h[0]);
    for (int t = 1; t <= T; t++) {
        double a[MAXN] = {0};
        matvec_add(&w->We, w->Es.v[src[t - 1]], a);
        matvec_add(&w->Ue, h[t - 1], a);
        for (int i = 0; i < H; i++)
            h[t][i] = tanh(a[i] + w->be.v[i][0]);
    }
    for (int i = 0; i < H; i++) {
        C[i] = 0;
        if (strcmp(w->context, "last") == 0) {
            C[i] = h[T][i];
        } else if (strcmp(w->context, "mean") == 0) {
            for (int t = 1; t <= T; t++)
                C[i] += h[t][i] / T;
        } else {
            double a = w->q.v[i][0];
            for (int j = 0; j < H; j++)
                a += w->Q.v[i][j] * h[T][j];
            C[i] = tanh(a);
        }
    }
}

/* Attention of one decoder step from s_prev over h_1..h_T, by DESIGN.md:
 *   a_i = v_a . tanh(W_a s_{t-1} + U_a h_i + b_a), alpha = softmax(a),
 *   c = sum_i alpha_i h_i */
static void attend(const Weights *w, double h[MAXN][MAXN], int T,
                   const double *s_prev, double *a, double *alpha, double *c)
{
    double amax = -INFINITY, sum = 0;
    for (int i = 1; i <= T; i++) {
        double q[MAXN] = {0}, k[MAXN] = {0};
        matvec_add(&w->Wa, s_prev, q);
        matvec_add(&w->Ua, h[i], k);
        a[i - 1] = 0;
        for (int j = 0; j < w->A; j++)
            a[i - 1] += w->va.v[j][0] * tanh(q[j] + k[j] + w->ba.v[j][0]);
        amax = fmax(amax, a[i - 1]);
    }
    for (int i = 0; i < T; i++)
        sum += exp(a[i] - amax);
    for (int j = 0; j < w->H; j++)
        c[j] = 0;
    for (int i = 0; i < T; i++) {
        alpha[i] = exp(a[i] - amax) / sum;
        for (int j = 0; j < w->H; j++)
            c[j] += alpha[i] * h[i + 1][j];
    }
}

/* One decoder step from s (updated) fed target id prev: z (output
 * vocabulary) and p = softmax(z). */
static void decode_step(const Weights *w, const double *C, int prev,
                        double *s, double *z, double *p)
{
    int H = w->H;
    double a[MAXN] = {0};
    matvec_add(&w->Wd, w->Et.v[prev], a);
    matvec_add(&w->Ud, s, a);
    if (w->every)
        matvec_add(&w->Vd, C, a);
    for (int i = 0; i < H; i++)
        s[i] = tanh(a[i] + w->bd.v[i][0]);
    memset(z, 0, MAXN * sizeof *z);
    matvec_add(&w->Wo, s, z);
    if (w->every) {
        matvec_add(&w->Oe, w->Et.v[prev], z);
        matvec_add(&w->Oc, C, z);
    }
    double zmax = -INFINITY, sum = 0;
    for (int k = 0; k < w->Vo; k++) {
        z[k] += w->bo.v[k][0];
        zmax = fmax(zmax, z[k]);
    }
    for (int k = 0; k < w->Vo; k++)
        sum += exp(z[k] - zmax);
    for (int k = 0; k < w->Vo; k++)
        p[k] = exp(z[k] - zmax) / sum;
}

/* Ids of a list of tokens in vocab; false when one is missing. */
static bool ids_of(const cJSON *tokens, const cJSON *vocab, int *ids, int *n)
{
    *n = cJSON_GetArraySize(tokens);
    for (int i = 0; i < *n && i < MAXN; i++) {
        ids[i] = index_of(vocab, cJSON_GetArrayItem(tokens, i)->valuestring);
        if (ids[i] < 0)
            return false;
    }
    return *n < MAXN;
}

/* -(1/N) sum_n log p(y_n | x_n) over "data", teacher-forced, from the
 * dumped weights. */
static double data_loss(const cJSON *root, const Weights *w)
{
    const cJSON *data = get(root, "data");
    const cJSON *src_vocab = get(get(root, "vocab"), "source");
    const cJSON *tgt_vocab = get(get(root, "vocab"), "target");
    int N = cJSON_GetArraySize(data);
    double total = 0;
    for (int n = 0; n < N; n++) {
        const cJSON *pair = cJSON_GetArrayItem(data, n);
        int src[MAXN], tgt[MAXN], T, Tp;
        bool ok = ids_of(get(pair, "source"), src_vocab, src, &T) &&
                  ids_of(get(pair, "target"), tgt_vocab, tgt, &Tp);
        CHECK(ok && T >= 1 && Tp >= 1 && tgt[Tp - 1] == 1); /* <eos> */
        if (!ok)
            return NAN;
        double h[MAXN][MAXN], C[MAXN], s[MAXN], z[MAXN], p[MAXN];
        encode(w, src, T, h, C);
        memcpy(s, C, sizeof s);
        for (int t = 0; t < Tp; t++) {
            double a[MAXN], alpha[MAXN], c[MAXN];
            if (w->attend)
                attend(w, h, T, s, a, alpha, c);
            decode_step(w, w->attend ? c : C, t == 0 ? 0 : tgt[t - 1], s, z,
                        p);
            total -= log(p[tgt[t] - 1]); /* output id = target id - 1 */
        }
    }
    return total / N;
}

/* Checks one dump of the real program (epoch: NULL for the default) and
 * returns its parsed JSON (the caller deletes it), or NULL. */
static cJSON *check_dump(const char *prog, const char *variant,
                         const char *context, const char *epoch)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' --variant %s --context %s %s%s --dump -",
             prog, variant, context, epoch ? "--epoch " : "",
             epoch ? epoch : "");
    char *text = run(cmd);
    CHECK_MSG(text != NULL, "%s failed", cmd);
    if (!text)
        return NULL;
    cJSON *root = cJSON_Parse(text);
    free(text);
    CHECK_MSG(root != NULL, "the dump is not JSON (%s)", cmd);
    if (!root)
        return NULL;

    CHECK(strcmp(get(root, "variant")->valuestring, variant) == 0);
    CHECK(strcmp(get(root, "context")->valuestring, context) == 0);
    const cJSON *training = get(root, "training");
    int epochs = get(training, "epochs")->valueint;
    int at = get(root, "epoch")->valueint;
    CHECK(at == (epoch ? atoi(epoch) : epochs));
    const cJSON *snaps = get(training, "snapshots");
    int ns = cJSON_GetArraySize(snaps);
    CHECK(ns >= 2 && cJSON_GetArrayItem(snaps, 0)->valueint == 0 &&
          cJSON_GetArrayItem(snaps, ns - 1)->valueint == epochs);
    const cJSON *src_vocab = get(get(root, "vocab"), "source");
    const cJSON *tgt_vocab = get(get(root, "vocab"), "target");
    const cJSON *out_vocab = get(get(root, "vocab"), "output");
    CHECK(strcmp(cJSON_GetArrayItem(tgt_vocab, 0)->valuestring, "<go>") == 0);
    CHECK(strcmp(cJSON_GetArrayItem(tgt_vocab, 1)->valuestring, "<eos>") == 0);
    /* vocab.output is the target vocabulary without <go> */
    CHECK(cJSON_GetArraySize(out_vocab) == cJSON_GetArraySize(tgt_vocab) - 1);
    CHECK(index_of(out_vocab, "<go>") == -1);
    for (int k = 0; k < cJSON_GetArraySize(out_vocab); k++)
        CHECK(strcmp(cJSON_GetArrayItem(out_vocab, k)->valuestring,
                     cJSON_GetArrayItem(tgt_vocab, k + 1)->valuestring) == 0);

    static Weights w;
    load_weights(root, variant, context, &w);
    int H = w.H, Vo = w.Vo;
    CHECK(w.Es.rows == cJSON_GetArraySize(src_vocab) && w.Es.cols == w.d);

    /* training.loss[epoch] is recomputable from these weights and data */
    const cJSON *loss = get(training, "loss");
    CHECK(cJSON_GetArraySize(loss) == epochs + 1);
    double recorded = cJSON_GetArrayItem(loss, at)->valuedouble;
    double again = data_loss(root, &w);
    CHECK_MSG(fabs(recorded - again) <= 1e-12,
              "%s/%s epoch %d: training.loss %.17g, recomputed %.17g",
              variant, context, at, recorded, again);
    CHECK(cJSON_GetArrayItem(loss, epochs)->valuedouble <
          cJSON_GetArrayItem(loss, 0)->valuedouble);

    const cJSON *trace = get(root, "trace");
    int src[MAXN], T;
    CHECK(ids_of(get(trace, "input"), src_vocab, src, &T) && T >= 1);
    const cJSON *enc_steps = get(trace, "encoder");
    CHECK(cJSON_GetArraySize(enc_steps) == T);
    double h[MAXN][MAXN], C[MAXN], err_max = 0;
    encode(&w, src, T, h, C);
    for (int t = 1; t <= T; t++) {
        double dumped[MAXN];
        vec(get(cJSON_GetArrayItem(enc_steps, t - 1), "h"), dumped, H);
        for (int i = 0; i < H; i++)
            err_max = fmax(err_max, fabs(h[t][i] - dumped[i]));
    }
    double dumped_c[MAXN];
    vec(get(trace, "context"), dumped_c, H);
    for (int i = 0; i < H; i++)
        err_max = fmax(err_max, fabs(C[i] - dumped_c[i]));

    /* Decoder, fed back with its own picks; the influence of C by
     * J_0 = I, J_t = diag(1 - s_t^2) (U_d J_{t-1} + V_d). */
    const cJSON *dec_steps = get(trace, "decoder");
    int Tp = cJSON_GetArraySize(dec_steps);
    CHECK(Tp >= 1);
    static double J[MAXN][MAXN], Jn[MAXN][MAXN];
    memset(J, 0, sizeof J);
    for (int i = 0; i < H; i++)
        J[i][i] = 1;
    double s[MAXN], logprob = 0, infl_err = 0;
    int attention_steps = 0;
    memcpy(s, C, sizeof s);
    int prev = 0; /* <go> */
    for (int t = 0; t < Tp; t++) {
        const cJSON *st = cJSON_GetArrayItem(dec_steps, t);
        CHECK(index_of(tgt_vocab, get(st, "prev")->valuestring) == prev);
        double z[MAXN], p[MAXN], a[MAXN], alpha[MAXN], c[MAXN];
        if (w.attend) {
            /* the scores, weights and c_t, against the dump's */
            attend(&w, h, T, s, a, alpha, c);
            double da[MAXN], dalpha[MAXN], dc[MAXN], sum = 0;
            CHECK(cJSON_GetArraySize(get(st, "scores")) == T &&
                  cJSON_GetArraySize(get(st, "alpha")) == T &&
                  cJSON_GetArraySize(get(st, "c")) == H);
            CHECK(!cJSON_GetObjectItemCaseSensitive(st, "influence"));
            vec(get(st, "scores"), da, T);
            vec(get(st, "alpha"), dalpha, T);
            vec(get(st, "c"), dc, H);
            for (int i = 0; i < T; i++) {
                err_max = fmax(err_max, fabs(a[i] - da[i]));
                err_max = fmax(err_max, fabs(alpha[i] - dalpha[i]));
                sum += dalpha[i];
            }
            CHECK_NEAR(sum, 1.0, 1e-12);
            for (int i = 0; i < H; i++)
                err_max = fmax(err_max, fabs(c[i] - dc[i]));
            attention_steps++;
        } else {
            CHECK(!cJSON_GetObjectItemCaseSensitive(st, "alpha"));
        }
        decode_step(&w, w.attend ? c : C, prev, s, z, p);
        double norm2 = 0;
        for (int i = 0; i < H; i++)
            for (int j = 0; j < H; j++) {
                double acc = w.every ? w.Vd.v[i][j] : 0;
                for (int k = 0; k < H; k++)
                    acc += w.Ud.v[i][k] * J[k][j];
                Jn[i][j] = (1 - s[i] * s[i]) * acc;
                norm2 += Jn[i][j] * Jn[i][j];
            }
        memcpy(J, Jn, sizeof J);
        if (!w.attend) {
            double infl = get(st, "influence")->valuedouble;
            infl_err = fmax(infl_err, fabs(infl - sqrt(norm2)) / sqrt(norm2));
        }
        int best = 0;
        for (int k = 0; k < Vo; k++)
            if (p[k] > p[best])
                best = k;
        double ds[MAXN], dz[MAXN], dp[MAXN];
        const cJSON *probs = get(st, "probs");
        /* no output distribution has a <go> entry */
        CHECK(cJSON_GetArraySize(probs) == Vo &&
              cJSON_GetArraySize(get(st, "logits")) == Vo);
        vec(get(st, "s"), ds, H);
        vec(get(st, "logits"), dz, Vo);
        vec(probs, dp, Vo);
        for (int i = 0; i < H; i++)
            err_max = fmax(err_max, fabs(s[i] - ds[i]));
        for (int k = 0; k < Vo; k++) {
            err_max = fmax(err_max, fabs(z[k] - dz[k]));
            err_max = fmax(err_max, fabs(p[k] - dp[k]));
        }
        const char *pick = get(st, "pick")->valuestring;
        CHECK_MSG(index_of(out_vocab, pick) == best, "step %d picks %s",
                  t + 1, pick);
        CHECK(strcmp(pick, "<go>") != 0);
        CHECK_NEAR(get(st, "p")->valuedouble, p[best], 1e-12);
        logprob += log(p[best]);
        prev = best + 1; /* target id of output id best */
        if (best == 0)   /* <eos> ends the output */
            CHECK(t == Tp - 1);
    }
    CHECK_NEAR(get(trace, "logprob")->valuedouble, logprob, 1e-9);
    CHECK_MSG(err_max < 1e-12, "%s/%s: recomputed trace differs by %g",
              variant, context, err_max);
    CHECK_MSG(infl_err < 1e-12, "%s/%s: influence differs by %g", variant,
              context, infl_err);
    CHECK(cJSON_GetArraySize(get(trace, "output")) == Tp);
    CHECK(attention_steps == (w.attend ? Tp : 0));
    return root;
}

/* The shared encoder: a and b (dumps of two decoders with the same context
 * mode at the same epoch) have identical encoder weights, trace.encoder
 * and trace.context. */
static void check_same_encoder(const cJSON *a, const cJSON *b)
{
    const char *keys[] = {"encoder", "context"};
    for (int i = 0; i < 2; i++) {
        const cJSON *wa = cJSON_GetObjectItemCaseSensitive(
            get(a, "weights"), keys[i]);
        const cJSON *wb = cJSON_GetObjectItemCaseSensitive(
            get(b, "weights"), keys[i]);
        CHECK_MSG((wa == NULL) == (wb == NULL) &&
                      (!wa || cJSON_Compare(wa, wb, true)),
                  "weights.%s differ", keys[i]);
        CHECK_MSG(cJSON_Compare(get(get(a, "trace"), keys[i]),
                                get(get(b, "trace"), keys[i]), true),
                  "trace.%s differs", keys[i]);
    }
}

/* --epoch N that is no snapshot: one line on stderr listing them, exit 2;
 * --epoch without --dump is a usage error too. */
static void check_bad_epoch(const char *prog)
{
    char cmd[1024];
    int status;
    snprintf(cmd, sizeof cmd, "'%s' --epoch 4 --dump - 2>&1 >/dev/null", prog);
    char *err = run_status(cmd, &status);
    CHECK_MSG(status == 2, "--epoch 4: exit %d", status);
    CHECK_MSG(err && strstr(err, "--epoch 4 is not a training snapshot") &&
                  strstr(err, "0, 1, 2, 3, 5, 10") &&
                  strchr(err, '\n') == err + strlen(err) - 1,
              "--epoch 4: %s", err ? err : "");
    free(err);
    snprintf(cmd, sizeof cmd, "'%s' --epoch x --dump - 2>&1 >/dev/null", prog);
    err = run_status(cmd, &status);
    CHECK_MSG(status == 2 && err && strstr(err, "--epoch"), "--epoch x: %s",
              err ? err : "");
    free(err);
    snprintf(cmd, sizeof cmd, "'%s' --epoch 0 --list-steps 2>&1 >/dev/null",
             prog);
    err = run_status(cmd, &status);
    CHECK_MSG(status == 2, "--epoch with --list-steps: exit %d", status);
    free(err);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_dump PROGRAM\n");
        return 2;
    }
    const char *variants[] = {"init", "every", "attention"};
    const char *contexts[] = {"last", "last-transform", "mean"};
    for (int c = 0; c < 3; c++) {
        cJSON *dumps[3];
        for (int v = 0; v < 3; v++)
            dumps[v] = check_dump(argv[1], variants[v], contexts[c], NULL);
        for (int v = 1; v < 3; v++)
            if (dumps[0] && dumps[v])
                check_same_encoder(dumps[0], dumps[v]);
        /* --epoch 0 and --epoch <last> round-trip too; at epoch 0 the
         * weights are the untrained ones, and the encoder is shared there
         * as well */
        if (dumps[0]) {
            char last[32];
            snprintf(last, sizeof last, "%d",
                     get(get(dumps[0], "training"), "epochs")->valueint);
            cJSON *end = check_dump(argv[1], "init", contexts[c], last);
            CHECK(end && cJSON_Compare(end, dumps[0], true));
            cJSON_Delete(end);
            cJSON *start[3];
            for (int v = 0; v < 3; v++)
                start[v] = check_dump(argv[1], variants[v], contexts[c], "0");
            if (start[0] && start[1] && start[2]) {
                check_same_encoder(start[0], start[1]);
                check_same_encoder(start[0], start[2]);
                CHECK(!cJSON_Compare(get(start[0], "weights"),
                                     get(dumps[0], "weights"), true));
            }
            for (int v = 0; v < 3; v++)
                cJSON_Delete(start[v]);
        }
        for (int v = 0; v < 3; v++)
            cJSON_Delete(dumps[v]);
    }
    check_bad_epoch(argv[1]);
    return check_exit();
}
