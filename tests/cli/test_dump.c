/* Reads the --dump JSON of the real program back with cJSON, recomputes the
 * forward pass from the dumped weights with an independent implementation
 * of DESIGN.md's formulas, and compares it with the dumped trace. Run for
 * both variants and all context modes.
 *
 *   test_dump PROGRAM */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "check.h"

#define MAXN 64

typedef struct {
    int rows, cols;
    double v[MAXN][MAXN];
} Mat;

static char *run(const char *cmd)
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
    if (pclose(p) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
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

static void check_dump(const char *prog, const char *variant,
                       const char *context)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' --variant %s --context %s --dump -",
             prog, variant, context);
    char *text = run(cmd);
    CHECK_MSG(text != NULL, "%s failed", cmd);
    if (!text)
        return;
    cJSON *root = cJSON_Parse(text);
    free(text);
    CHECK_MSG(root != NULL, "the dump is not JSON (%s)", cmd);
    if (!root)
        return;

    CHECK(strcmp(get(root, "variant")->valuestring, variant) == 0);
    CHECK(strcmp(get(root, "context")->valuestring, context) == 0);
    int H = get(get(root, "dims"), "hidden")->valueint;
    int d = get(get(root, "dims"), "embed")->valueint;
    const cJSON *src_vocab = get(get(root, "vocab"), "source");
    const cJSON *tgt_vocab = get(get(root, "vocab"), "target");
    CHECK(strcmp(cJSON_GetArrayItem(tgt_vocab, 0)->valuestring, "<go>") == 0);
    CHECK(strcmp(cJSON_GetArrayItem(tgt_vocab, 1)->valuestring, "<eos>") == 0);
    int Vt = cJSON_GetArraySize(tgt_vocab);
    bool every = strcmp(variant, "every") == 0;

    const cJSON *w = get(root, "weights");
    const cJSON *enc = get(w, "encoder"), *dec = get(w, "decoder");
    const cJSON *ctxw = cJSON_GetObjectItemCaseSensitive(w, "context");
    CHECK((ctxw != NULL) == (strcmp(context, "last-transform") == 0));
    CHECK((cJSON_GetObjectItemCaseSensitive(dec, "V") != NULL) == every);
    CHECK((cJSON_GetObjectItemCaseSensitive(dec, "Oe") != NULL) == every);
    CHECK((cJSON_GetObjectItemCaseSensitive(dec, "Oc") != NULL) == every);

    static Mat Es, We, Ue, be, Q, q, Et, Wd, Ud, bd, Vd, Oe, Oc, Wo, bo;
    load(get(enc, "E"), &Es);
    load(get(enc, "W"), &We);
    load(get(enc, "U"), &Ue);
    load(get(enc, "b"), &be);
    if (ctxw) {
        load(get(ctxw, "Q"), &Q);
        load(get(ctxw, "q"), &q);
    }
    load(get(dec, "E"), &Et);
    load(get(dec, "W"), &Wd);
    load(get(dec, "U"), &Ud);
    load(get(dec, "b"), &bd);
    if (every) {
        load(get(dec, "V"), &Vd);
        load(get(dec, "Oe"), &Oe);
        load(get(dec, "Oc"), &Oc);
    }
    load(get(dec, "Wo"), &Wo);
    load(get(dec, "bo"), &bo);
    CHECK(Es.rows == cJSON_GetArraySize(src_vocab) && Es.cols == d);
    CHECK(We.rows == H && We.cols == d && Ue.rows == H && Ue.cols == H);
    CHECK(Wo.rows == Vt && Wo.cols == H && bo.rows == Vt);

    const cJSON *trace = get(root, "trace");
    const cJSON *input = get(trace, "input");
    const cJSON *enc_steps = get(trace, "encoder");
    int T = cJSON_GetArraySize(input);
    CHECK(T >= 1 && cJSON_GetArraySize(enc_steps) == T);

    /* Encoder: h_t = tanh(W x_t + U h_{t-1} + b), h_0 = 0. */
    double h[MAXN][MAXN] = {{0}};
    double err_max = 0;
    for (int t = 1; t <= T; t++) {
        int id = index_of(src_vocab,
                          cJSON_GetArrayItem(input, t - 1)->valuestring);
        CHECK(id >= 0);
        if (id < 0)
            goto out;
        double a[MAXN] = {0};
        matvec_add(&We, Es.v[id], a);
        matvec_add(&Ue, h[t - 1], a);
        double dumped[MAXN];
        vec(get(cJSON_GetArrayItem(enc_steps, t - 1), "h"), dumped, H);
        for (int i = 0; i < H; i++) {
            h[t][i] = tanh(a[i] + be.v[i][0]);
            err_max = fmax(err_max, fabs(h[t][i] - dumped[i]));
        }
    }

    /* C by the context mode. */
    double C[MAXN] = {0};
    for (int i = 0; i < H; i++) {
        if (strcmp(context, "last") == 0) {
            C[i] = h[T][i];
        } else if (strcmp(context, "mean") == 0) {
            for (int t = 1; t <= T; t++)
                C[i] += h[t][i] / T;
        } else {
            double a = q.v[i][0];
            for (int j = 0; j < H; j++)
                a += Q.v[i][j] * h[T][j];
            C[i] = tanh(a);
        }
    }
    double dumped_c[MAXN];
    vec(get(trace, "context"), dumped_c, H);
    for (int i = 0; i < H; i++)
        err_max = fmax(err_max, fabs(C[i] - dumped_c[i]));

    /* Decoder, fed back with the dumped picks, checked against them. */
    const cJSON *dec_steps = get(trace, "decoder");
    int Tp = cJSON_GetArraySize(dec_steps);
    CHECK(Tp >= 1);
    double s[MAXN], logprob = 0;
    memcpy(s, C, sizeof s);
    int prev = 0; /* <go> */
    for (int t = 0; t < Tp; t++) {
        const cJSON *st = cJSON_GetArrayItem(dec_steps, t);
        CHECK(index_of(tgt_vocab, get(st, "prev")->valuestring) == prev);
        double a[MAXN] = {0}, ns[MAXN];
        matvec_add(&Wd, Et.v[prev], a);
        matvec_add(&Ud, s, a);
        if (every)
            matvec_add(&Vd, C, a);
        for (int i = 0; i < H; i++)
            ns[i] = tanh(a[i] + bd.v[i][0]);
        memcpy(s, ns, sizeof s);
        double z[MAXN] = {0};
        matvec_add(&Wo, s, z);
        if (every) {
            matvec_add(&Oe, Et.v[prev], z);
            matvec_add(&Oc, C, z);
        }
        double zmax = -INFINITY, sum = 0, p[MAXN];
        for (int k = 0; k < Vt; k++) {
            z[k] += bo.v[k][0];
            zmax = fmax(zmax, z[k]);
        }
        for (int k = 0; k < Vt; k++)
            sum += exp(z[k] - zmax);
        int best = 0;
        for (int k = 0; k < Vt; k++) {
            p[k] = exp(z[k] - zmax) / sum;
            if (p[k] > p[best])
                best = k;
        }
        double ds[MAXN], dz[MAXN], dp[MAXN];
        vec(get(st, "s"), ds, H);
        vec(get(st, "logits"), dz, Vt);
        vec(get(st, "probs"), dp, Vt);
        for (int i = 0; i < H; i++)
            err_max = fmax(err_max, fabs(s[i] - ds[i]));
        for (int k = 0; k < Vt; k++) {
            err_max = fmax(err_max, fabs(z[k] - dz[k]));
            err_max = fmax(err_max, fabs(p[k] - dp[k]));
        }
        CHECK_MSG(index_of(tgt_vocab, get(st, "pick")->valuestring) == best,
                  "step %d picks %s", t + 1, get(st, "pick")->valuestring);
        CHECK_NEAR(get(st, "p")->valuedouble, p[best], 1e-12);
        logprob += log(p[best]);
        prev = best;
    }
    CHECK_NEAR(get(trace, "logprob")->valuedouble, logprob, 1e-9);
    CHECK_MSG(err_max < 1e-12, "%s/%s: recomputed trace differs by %g",
              variant, context, err_max);
    /* The output is the picks, ending with <eos> for a trained lesson. */
    const cJSON *output = get(trace, "output");
    CHECK(cJSON_GetArraySize(output) == Tp);
    CHECK(strcmp(cJSON_GetArrayItem(output, Tp - 1)->valuestring, "<eos>") ==
          0);
    const cJSON *loss = get(get(root, "training"), "loss");
    CHECK(cJSON_GetArraySize(loss) ==
          get(get(root, "training"), "epochs")->valueint);
    CHECK(cJSON_GetArrayItem(loss, cJSON_GetArraySize(loss) - 1)->valuedouble <
          cJSON_GetArrayItem(loss, 0)->valuedouble);
out:
    cJSON_Delete(root);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_dump PROGRAM\n");
        return 2;
    }
    const char *variants[] = {"init", "every"};
    const char *contexts[] = {"last", "last-transform", "mean"};
    for (int v = 0; v < 2; v++)
        for (int c = 0; c < 3; c++)
            check_dump(argv[1], variants[v], contexts[c]);
    return check_exit();
}
