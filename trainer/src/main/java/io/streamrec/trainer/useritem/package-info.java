/**
 * What every user–item family shares: the rating protocol (k-fold cross-validation, RMSE and MAE), the interfaces a
 * rating family implements, and the baselines beside them. Families live in their own packages and depend on this
 * one, never on each other.
 */
package io.streamrec.trainer.useritem;
