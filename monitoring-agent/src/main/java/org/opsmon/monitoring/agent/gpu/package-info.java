/**
 * NVIDIA GPUs: NVML through JNA first, the nvidia-smi tool as fallback. Its own package because it
 * carries a native binding and a text parser that are tested apart from the collector.
 */
package org.opsmon.monitoring.agent.gpu;
