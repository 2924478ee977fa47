/**
 * Physics vocabulary shared by every stage, in plain Java (no Spark): PF element types, target particle
 * classes, particle data and four-vectors.
 */
package org.mlpf.physics;
