"""Learning lagebild's decisions from annotations: `lagebild train`."""
