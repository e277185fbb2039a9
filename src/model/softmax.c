/* Softmax and argmax over logits, as the article writes them:
 * S_i = e^{v_i} / sum_j e^{v_j}. */
#include "model/softmax.h"

#include <math.h>

double softmax_exp(const double *logits, int n, double *out)
{
    /* S_i = e^{v_i - max} / sum_j e^{v_j - max}: the same value as the
     * article's formula, but e^{1000} never overflows (the largest term is
     * e^0 = 1, so the sum is in [1, n]). */
    double max = logits[0];
    for (int i = 1; i < n; i++)
        if (logits[i] > max)
            max = logits[i];
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
        out[i] = exp(logits[i] - max);
        sum += out[i];
    }
    return sum;
}

void softmax(const double *logits, int n, double *out)
{
    double inv = 1.0 / softmax_exp(logits, n, out);
    for (int i = 0; i < n; i++)
        out[i] *= inv;
}

int argmax(const double *v, int n)
{
    int best = 0;
    for (int i = 1; i < n; i++)
        if (v[i] > v[best]) /* strict: the first wins a tie */
            best = i;
    return best;
}
