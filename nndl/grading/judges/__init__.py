"""Reusable judges for hidden regions (grader side only; available there as ``judges``)."""
from nndl.grading.judges.reading import failed_messages, numbers, one_number  # noqa: F401
from nndl.grading.judges.chaining import OwnResults  # noqa: F401
from nndl.grading.judges.finite_differences import (  # noqa: F401
    OwnGradientCheck, agree, numerical_gradient, relative_difference)
from nndl.grading.judges.guards import returned, when_call_succeeded  # noqa: F401
from nndl.grading.judges.inputs import (  # noqa: F401
    gradients_like, labels, linearly_separable, mixed_outputs_network, opposite_quadrants, random_network,
    random_network_and_gradients, tanh_sigmoid_cache, two_layer_backward_inputs)
from nndl.grading.judges.logistic_regression import (  # noqa: F401
    cost_of_propagate, costs_of_optimize, from_zeros, gradient_descent_run, gradients_of_own_cost, model_run,
    scaled_pixels, weights_and_bias_are_floats, without_settings)
from nndl.grading.judges.two_layer_network import (  # noqa: F401
    forward_cases, labels_of_own_forward, small_random_initialisation, training_loop, training_reruns,
    two_layer_gradients)
from nndl.grading.judges.initialisation import random_initialisation  # noqa: F401
from nndl.grading.judges.networks import (  # noqa: F401
    L_model_backward_inputs, L_model_forward_inputs, gradient_check_n_inputs, linear_activation_backward_inputs,
    linear_backward_inputs, update_parameters_inputs)
from nndl.grading.judges.forward_passes import (  # noqa: F401
    arrays_in, output_and_caches, output_and_layer_cache, same_arrays)
from nndl.grading.judges.gradients import (  # noqa: F401
    backward_agrees_with_finite_differences, small_difference_for_right_gradients)
from nndl.grading.judges.quiz import choice, number, quiz, shape  # noqa: F401 - the self-check's judge
